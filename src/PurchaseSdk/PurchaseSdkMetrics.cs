using System.Diagnostics.Metrics;

namespace PurchaseSdk;

/// <summary>The SDK's instruments, created once from the application's <see cref="IMeterFactory"/>.</summary>
internal sealed class PurchaseSdkMetrics
{
    private readonly Counter<long> _outcomes;
    private readonly Histogram<double> _duration;

    public PurchaseSdkMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PurchaseSdkTelemetry.MeterName, PurchaseSdkTelemetry.Version);
        _outcomes = meter.CreateCounter<long>(
            "purchasesdk.provider.outcomes",
            unit: "{outcome}",
            description: "Provider outcomes of purchase reports, by provider and status.");
        _duration = meter.CreateHistogram<double>(
            "purchasesdk.provider.duration",
            unit: "s",
            description: "Duration of each provider's part of a purchase report.");
    }

    public void Record(ProviderOutcome outcome)
    {
        var provider = new KeyValuePair<string, object?>("provider", outcome.Provider);
        var status = new KeyValuePair<string, object?>("status", StatusName(outcome.Status));
        _outcomes.Add(1, provider, status);
        _duration.Record(outcome.Elapsed.TotalSeconds, provider, status);
    }

    internal static string StatusName(ProviderOutcomeStatus status) => status switch
    {
        ProviderOutcomeStatus.Succeeded => "succeeded",
        ProviderOutcomeStatus.Failed => "failed",
        ProviderOutcomeStatus.Skipped => "skipped",
        ProviderOutcomeStatus.Indeterminate => "indeterminate",
        _ => "unknown",
    };
}
