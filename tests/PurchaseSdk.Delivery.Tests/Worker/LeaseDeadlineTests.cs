using PurchaseSdk.Delivery.Worker;

namespace PurchaseSdk.Delivery.Tests.Worker;

/// <summary>
/// A provider call that would outlast the worker's lease (the provider's TotalTimeout longer than LeaseDuration) is cut
/// off while the lease still holds and given back as possibly sent, so no other worker claims it mid-call; the next
/// attempt asks where the provider can be asked and parks it otherwise, never a blind second send.
/// </summary>
public sealed class LeaseDeadlineTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    [TestCase("Kit", DeliveryState.Indeterminate)]
    [TestCase("Drip", DeliveryState.Succeeded)]
    public async Task A_call_that_would_outlast_the_lease_is_cut_off_before_it_ends_and_resumed_by_asking_first(string provider, DeliveryState resumedAs)
    {
        await using var harness = DeliveryHarness.Create(o => o.LeaseDuration = Lease);
        var emulated = harness.Sandbox.Providers.Single(p => p.Name == provider);
        var slow = TimeSpan.FromMinutes(30); // far within the 2 h TotalTimeout of the test providers, far beyond the lease
        emulated.FailNext(1, SandboxFault.Slow(slow));
        var providerHolding = harness.Clock.WaitForTimerAsync(slow);
        var claimedAt = harness.Clock.GetUtcNow();
        await harness.EnqueueAsync("order-1");

        harness.Clock.WaitThreshold = TimeSpan.FromMinutes(5); // short waits are skipped; the cut-off and the slow answer are not
        var delivering = harness.Clock.RunAsync(harness.Worker.DeliverDueAsync(CancellationToken.None));
        await providerHolding;
        var allowance = PurchaseDeliveryWorker.CallAllowance(Lease);
        harness.Clock.Advance(allowance - TimeSpan.FromSeconds(1));
        Assert.That(delivering.IsCompleted, Is.False, "not cut off before the allowance");
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await delivering.WaitAsync(TimeSpan.FromSeconds(30));

        var record = await harness.DeliveryAsync("order-1", provider);
        Assert.Multiple(() =>
        {
            Assert.That(allowance, Is.EqualTo(TimeSpan.FromMinutes(9.5)), "a fifth of the lease, at most 30 s, is left to record the outcome");
            Assert.That(record.History.Select(a => a.Outcome).First(), Is.EqualTo(DeliveryAttemptOutcome.Interrupted));
            Assert.That(record.History[0].EndedAt, Is.LessThan(claimedAt + Lease), "given back while the lease still held");
            Assert.That(record.History[0].Message, Does.Contain("lease was about to run out"));
            Assert.That(record.History[1].Resumed, Is.True);
            Assert.That(record.State, Is.EqualTo(resumedAs), record.LastError);
            Assert.That(emulated.Requests.Count(r => r.Method == "POST"), Is.EqualTo(1), "never sent a second time");
            Assert.That(emulated.RecordCount, Is.EqualTo(1));
        });
    }
}
