using Microsoft.Extensions.Time.Testing;
using PurchaseSdk.Providers;

namespace PurchaseSdk.Tests.Core;

/// <summary>The facade: validate once, fan out in parallel, isolate failures.</summary>
public sealed class PurchaseReporterTests
{
    private sealed class FakeProvider(string name, Func<Purchase, CancellationToken, Task<ProviderResult>> report) : IPurchaseProvider
    {
        public int Calls;

        public string Name => name;

        public Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return report(purchase, cancellationToken);
        }
    }

    private static ServiceProvider Build(params IPurchaseProvider[] providers) =>
        Sdk.WithProviders(new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero)), providers);

    [Test]
    public async Task One_provider_throwing_does_not_affect_another_and_both_outcomes_are_reported()
    {
        var failing = new FakeProvider("Failing", (_, _) => throw new InvalidOperationException("boom"));
        var working = new FakeProvider("Working", (_, _) => Task.FromResult(ProviderResult.Succeeded("ref-1")));
        await using var services = Build(failing, working);

        var report = await services.GetRequiredService<IPurchaseReporter>().ReportAsync(Purchases.Simple());

        Assert.Multiple(() =>
        {
            Assert.That(report.Outcomes.Select(o => o.Provider), Is.EqualTo(new[] { "Failing", "Working" }));
            Assert.That(report["Failing"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(report["Failing"]!.Error, Is.InstanceOf<InvalidOperationException>());
            Assert.That(report["Failing"]!.Message, Does.Contain("boom"));
            Assert.That(report["Working"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(report["Working"]!.ProviderReference, Is.EqualTo("ref-1"));
            Assert.That(report.Succeeded, Is.False);
        });
        var thrown = Assert.Throws<PurchaseReportException>(() => report.EnsureSuccess())!;
        Assert.Multiple(() =>
        {
            Assert.That(thrown.Report, Is.SameAs(report));
            Assert.That(thrown.Message, Does.Contain("Failing Failed"));
        });
    }

    [Test]
    public async Task Providers_run_in_parallel()
    {
        // Each provider waits until the other has started: this only completes if both run at once.
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new FakeProvider("First", async (_, _) =>
        {
            firstStarted.SetResult();
            await secondStarted.Task;
            return ProviderResult.Succeeded("1");
        });
        var second = new FakeProvider("Second", async (_, _) =>
        {
            secondStarted.SetResult();
            await firstStarted.Task;
            return ProviderResult.Succeeded("2");
        });
        await using var services = Build(first, second);

        var report = await services.GetRequiredService<IPurchaseReporter>().ReportAsync(Purchases.Simple()).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(report.Succeeded, Is.True);
    }

    [Test]
    public async Task An_invalid_purchase_reaches_no_provider()
    {
        var provider = new FakeProvider("Any", (_, _) => Task.FromResult(ProviderResult.Succeeded(null)));
        await using var services = Build(provider);

        var purchase = new Purchase { OrderId = "", Currency = "USD", Lines = [new PurchaseLine { Name = "a", UnitPrice = -1m }] };
        var error = (await Assert.ThrowsAsync<PurchaseValidationException>(() => services.GetRequiredService<IPurchaseReporter>().ReportAsync(purchase)))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Errors.Select(e => e.Path), Is.EquivalentTo(new[] { "OrderId", "Lines[0].UnitPrice" }));
            Assert.That(provider.Calls, Is.Zero);
        });
    }

    [Test]
    public async Task A_missing_occurrence_time_is_the_time_of_the_report()
    {
        DateTimeOffset? seen = null;
        var provider = new FakeProvider("Any", (purchase, _) =>
        {
            seen = purchase.OccurredAt;
            return Task.FromResult(ProviderResult.Succeeded(null));
        });
        await using var services = Build(provider);
        var simple = Purchases.Simple();

        await services.GetRequiredService<IPurchaseReporter>().ReportAsync(new Purchase { OrderId = "1", Currency = "USD", Lines = simple.Lines });

        Assert.That(seen, Is.EqualTo(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task Cancellation_stops_every_provider_and_the_report_throws()
    {
        using var cancellation = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = 0;
        var slow = new FakeProvider("Slow", async (_, token) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            finally
            {
                Interlocked.Increment(ref stopped);
            }

            return ProviderResult.Succeeded(null);
        });
        await using var services = Build(slow);

        var report = services.GetRequiredService<IPurchaseReporter>().ReportAsync(Purchases.Simple(), cancellation.Token);
        await started.Task;
        await cancellation.CancelAsync();

        Assert.That(async () => await report, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(stopped, Is.EqualTo(1), "the provider call ended before ReportAsync returned");
    }

    [Test]
    public async Task A_skipped_provider_counts_as_success_of_the_report()
    {
        var skipping = new FakeProvider("Skipping", (_, _) => Task.FromResult(ProviderResult.Skipped("needs a context")));
        await using var services = Build(skipping);

        var report = await services.GetRequiredService<IPurchaseReporter>().ReportAsync(Purchases.Simple());

        Assert.Multiple(() =>
        {
            Assert.That(report["Skipping"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Skipped));
            Assert.That(report["Skipping"]!.Attempts, Is.Zero);
            Assert.That(report.Succeeded, Is.True);
            Assert.That(report.EnsureSuccess(), Is.SameAs(report));
        });
    }
}
