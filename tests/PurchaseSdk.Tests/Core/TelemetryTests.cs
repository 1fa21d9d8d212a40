using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PurchaseSdk.Providers;

namespace PurchaseSdk.Tests.Core;

/// <summary>The ActivitySource and Meter named PurchaseSdk: a span per report and per provider, outcome counters, durations.</summary>
public sealed class TelemetryTests
{
    private sealed class StaticProvider(string name, ProviderResult result) : IPurchaseProvider
    {
        public string Name => name;

        public Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken) => Task.FromResult(result);
    }

    [Test]
    public async Task A_report_emits_spans_outcome_counters_and_durations_by_provider_and_status()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PurchaseSdkTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);

        var services = new ServiceCollection();
        services.AddPurchaseSdk()
            .AddProvider(new StaticProvider("Alpha", ProviderResult.Succeeded("a-1")))
            .AddProvider(new StaticProvider("Beta", ProviderResult.Skipped("no context")));
        await using var provider = services.BuildServiceProvider();
        var meterFactory = provider.GetRequiredService<IMeterFactory>();
        using var outcomes = new MetricCollector<long>(meterFactory, PurchaseSdkTelemetry.MeterName, "purchasesdk.provider.outcomes");
        using var durations = new MetricCollector<double>(meterFactory, PurchaseSdkTelemetry.MeterName, "purchasesdk.provider.duration");

        await provider.GetRequiredService<IPurchaseReporter>().ReportAsync(Purchases.Simple());

        var counted = outcomes.GetMeasurementSnapshot().Select(m => $"{m.Tags["provider"]}:{m.Tags["status"]}:{m.Value}");
        Assert.Multiple(() =>
        {
            Assert.That(counted, Is.EquivalentTo(new[] { "Alpha:succeeded:1", "Beta:skipped:1" }));
            Assert.That(durations.GetMeasurementSnapshot(), Has.Count.EqualTo(2));
            Assert.That(spans.Select(s => s.OperationName), Is.EquivalentTo(new[] { "PurchaseSdk.Provider", "PurchaseSdk.Provider", "PurchaseSdk.Report" }));
            Assert.That(spans.Where(s => s.OperationName == "PurchaseSdk.Provider").Select(s => s.GetTagItem("purchasesdk.provider")), Is.EquivalentTo(new[] { "Alpha", "Beta" }));
        });
    }
}
