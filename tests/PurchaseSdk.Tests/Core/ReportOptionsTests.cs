using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PurchaseSdk.Providers;

namespace PurchaseSdk.Tests.Core;

/// <summary>Reporting to a subset of providers, resuming after an uncertain attempt, and refusing a host with no provider.</summary>
public sealed class ReportOptionsTests
{
    private sealed class CountingProvider(string name) : IPurchaseProvider
    {
        public int Calls;

        public string Name => name;

        public Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(ProviderResult.Succeeded(name + "-ref"));
        }
    }

    private sealed class LookingUpProvider(string name) : IPurchaseProvider
    {
        public int Sends;
        public int LookUps;

        public string Name => name;

        public Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Sends);
            return Task.FromResult(ProviderResult.Succeeded("sent"));
        }

        public Task<ProviderResult> ReportAfterUncertainAttemptAsync(Purchase purchase, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref LookUps);
            return Task.FromResult(ProviderResult.Succeeded("found"));
        }
    }

    private static ServiceProvider Build(params IPurchaseProvider[] providers) => Sdk.WithProviders(new FakeTimeProvider(), providers);

    [Test]
    public async Task Only_the_named_providers_are_called_in_registration_order()
    {
        var a = new CountingProvider("A");
        var b = new CountingProvider("B");
        var c = new CountingProvider("C");
        await using var services = Build(a, b, c);

        var report = await services.GetRequiredService<IPurchaseReporter>()
            .ReportAsync(Purchases.Simple(), new PurchaseReportOptions { Providers = ["c", "A"] });

        Assert.Multiple(() =>
        {
            Assert.That(report.Outcomes.Select(o => o.Provider), Is.EqualTo(new[] { "A", "C" }));
            Assert.That((a.Calls, b.Calls, c.Calls), Is.EqualTo((1, 0, 1)));
        });
    }

    [Test]
    public async Task An_unknown_provider_name_sends_nothing_and_names_the_registered_ones()
    {
        var a = new CountingProvider("A");
        await using var services = Build(a);

        var thrown = (await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<IPurchaseReporter>()
            .ReportAsync(Purchases.Simple(), new PurchaseReportOptions { Providers = ["A", "Nope"] })))!;

        Assert.Multiple(() =>
        {
            Assert.That(thrown.Message, Does.Contain("'Nope' is not a registered provider").And.Contain("registered: A"));
            Assert.That(a.Calls, Is.Zero);
        });
    }

    [Test]
    public async Task After_an_uncertain_attempt_a_provider_that_cannot_be_asked_is_indeterminate_and_nothing_is_sent()
    {
        var plain = new CountingProvider("Plain");
        var asking = new LookingUpProvider("Asking");
        await using var services = Build(plain, asking);

        var report = await services.GetRequiredService<IPurchaseReporter>()
            .ReportAsync(Purchases.Simple(), new PurchaseReportOptions { EarlierAttemptMayHaveLanded = true });

        Assert.Multiple(() =>
        {
            Assert.That(report["Plain"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate));
            Assert.That(report["Plain"]!.Message, Does.Contain("not sent again"));
            Assert.That(plain.Calls, Is.Zero);
            Assert.That(report["Asking"]!.ProviderReference, Is.EqualTo("found"));
            Assert.That((asking.Sends, asking.LookUps), Is.EqualTo((0, 1)));
        });
    }

    [Test]
    public async Task A_host_with_no_provider_is_refused_at_start_up_naming_what_to_add()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPurchaseSdk();
        using var host = builder.Build();

        var thrown = (await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync()))!;

        Assert.That(thrown.Message, Does.Contain("no provider").And.Contain("AddKit()"));
    }
}
