using Microsoft.Extensions.Options;
using PurchaseSdk.Delivery.Worker;
using PurchaseSdk.Kit;

namespace PurchaseSdk.Delivery.Tests.Worker;

/// <summary>
/// A provider call that would outlast the worker's lease (the provider's TotalTimeout longer than LeaseDuration) is cut
/// off while the lease still holds, so no other worker claims the delivery mid-call, and it ends like a call that
/// reached its deadline: parked when the provider may have recorded it, rescheduled (with backoff, up to MaxAge) when
/// the provider cannot have recorded anything.
/// </summary>
public sealed class LeaseDeadlineTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    [Test]
    public void The_call_gets_the_lease_less_a_fifth_and_at_most_30_s_less()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PurchaseDeliveryWorker.CallAllowance(TimeSpan.FromMinutes(10)), Is.EqualTo(TimeSpan.FromSeconds(570)));
            Assert.That(PurchaseDeliveryWorker.CallAllowance(TimeSpan.FromSeconds(10)), Is.EqualTo(TimeSpan.FromSeconds(8)));
        });
    }

    [Test]
    public async Task A_call_cut_off_after_the_provider_may_have_recorded_it_is_parked_before_the_lease_ends_never_sent_again()
    {
        await using var harness = DeliveryHarness.Create(o => o.LeaseDuration = Lease);
        var slow = TimeSpan.FromMinutes(30); // well within the test providers' 2 h TotalTimeout, well beyond the lease
        harness.Sandbox.Kit.FailNext(1, SandboxFault.Slow(slow)); // stored at once, answered after 30 min
        var kitHolding = harness.Clock.WaitForTimerAsync(slow);
        var claimedAt = harness.Clock.GetUtcNow();
        await harness.EnqueueAsync("order-1");

        await DeliverAndCutOffAsync(harness, kitHolding);

        var kit = await harness.DeliveryAsync("order-1", "Kit");
        Assert.Multiple(() =>
        {
            Assert.That(kit.State, Is.EqualTo(DeliveryState.Indeterminate), kit.LastError);
            Assert.That(kit.History.Single().Outcome, Is.EqualTo(DeliveryAttemptOutcome.Indeterminate));
            Assert.That(kit.History.Single().EndedAt, Is.LessThan(claimedAt + Lease), "recorded while the lease still held");
            Assert.That(kit.LastError, Does.StartWith("Cut off before the worker's lease (0:10:00) ran out: Kit did not finish in time, after it may have recorded the purchase"));
            Assert.That(harness.Sandbox.Kit.Requests.Count(r => r.Method == "POST"), Is.EqualTo(1), "never sent a second time");
            Assert.That(harness.Sandbox.Kit.RecordCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_call_cut_off_before_the_provider_can_have_recorded_anything_is_rescheduled_with_backoff()
    {
        var backoff = TimeSpan.FromMinutes(20); // the SDK's own retry wait after Kit's 503, longer than the lease allows
        await using var harness = DeliveryHarness.Create(
            o => o.LeaseDuration = Lease,
            services: s => s.PostConfigure<KitOptions>(o => (o.Resilience.BaseDelay, o.Resilience.MaxDelay) = (backoff, backoff)));
        harness.Sandbox.Kit.FailNext(1, SandboxFault.Status(503)); // "not processed" (README failure table)
        var waitingToRetry = harness.Clock.WaitForTimerAsync(due => due >= backoff * 0.75 && due <= backoff);
        await harness.EnqueueAsync("order-1");

        await DeliverAndCutOffAsync(harness, waitingToRetry);

        var kit = await harness.DeliveryAsync("order-1", "Kit");
        Assert.Multiple(() =>
        {
            Assert.That((kit.State, kit.EarlierAttemptMayHaveLanded), Is.EqualTo((DeliveryState.Pending, false)), kit.LastError);
            Assert.That(kit.History.Single().Outcome, Is.EqualTo(DeliveryAttemptOutcome.Rescheduled));
            Assert.That(kit.LastError, Does.Contain("before it can have recorded anything"));
            Assert.That(kit.NextAttemptAt, Is.GreaterThan(harness.Clock.GetUtcNow()), "after the delivery's own backoff, not at once");
            Assert.That(harness.Sandbox.Kit.RecordCount, Is.Zero);
        });
    }

    /// <summary>
    /// Runs the worker over everything due now (waits under 5 minutes skipped, so the cut-off is not) and, once
    /// <paramref name="kitBusy"/> says Kit's call is under way, moves the clock to the end of the call's allowance.
    /// </summary>
    private static async Task DeliverAndCutOffAsync(DeliveryHarness harness, Task kitBusy)
    {
        harness.Clock.WaitThreshold = TimeSpan.FromMinutes(5);
        var delivering = harness.Clock.RunAsync(harness.Worker.DeliverDueAsync(CancellationToken.None));
        await kitBusy;
        harness.Clock.Advance(PurchaseDeliveryWorker.CallAllowance(Lease));
        await delivering.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
