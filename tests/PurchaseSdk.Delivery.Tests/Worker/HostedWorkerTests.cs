using PurchaseSdk.Kit;
using Microsoft.Extensions.Hosting;

namespace PurchaseSdk.Delivery.Tests.Worker;

/// <summary>The worker as a hosted service: woken by an enqueue in the same process, and its shutdown.</summary>
[NonParallelizable]
public sealed class HostedWorkerTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromHours(1);

    private static IHostedService Hosted(DeliveryHarness harness) => harness.Services.GetServices<IHostedService>().OfType<PurchaseDeliveryWorkerHost>().Single();

    /// <summary>
    /// What two processes in turn share: the store's file, the sandbox and its clock, and an attempt counter over both;
    /// <see cref="Harness"/> is one process.
    /// </summary>
    private sealed record OneStore(AttemptCounter Attempts, TempDatabase Database, TestClock Clock, PurchaseSandbox Sandbox) : IAsyncDisposable
    {
        public static OneStore Start()
        {
            var attempts = new AttemptCounter();
            var database = new TempDatabase();
            var clock = new TestClock();
            return new OneStore(attempts, database, clock, PurchaseSandbox.Start(new PurchaseSandboxOptions { Time = clock }));
        }

        public DeliveryHarness Harness(Action<PurchaseDeliveryOptions>? delivery = null, Action<IServiceCollection>? services = null) =>
            DeliveryHarness.Create(delivery, services, Database, Sandbox, Clock);

        public async ValueTask DisposeAsync()
        {
            await Sandbox.DisposeAsync();
            Database.Dispose();
            Attempts.Dispose();
        }
    }

    [Test]
    public async Task An_enqueue_wakes_the_worker_without_waiting_for_its_next_poll()
    {
        using var attempts = new AttemptCounter();
        await using var harness = DeliveryHarness.Create(o => o.PollInterval = Poll);
        var idle = harness.Clock.WaitForTimerAsync(Poll);
        await Hosted(harness).StartAsync(CancellationToken.None);
        await idle.WaitAsync(TimeSpan.FromSeconds(30));

        await harness.EnqueueAsync("order-1");
        await attempts.WaitForAsync(5);

        var order = await harness.Admin.GetOrderAsync("order-1");
        Assert.That(order!.Deliveries, Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Succeeded));
        Assert.That(harness.Clock.GetUtcNow(), Is.EqualTo(order.EnqueuedAt), "delivered with the clock standing still: no poll fired");
        await Hosted(harness).StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task The_worker_picks_up_what_was_due_before_it_started_and_a_process_that_only_enqueues_delivers_nothing()
    {
        using var attempts = new AttemptCounter();
        using var database = new TempDatabase();
        await using (var enqueuer = DeliveryHarness.Create(o => o.RunWorker = false, database: database))
        {
            await Hosted(enqueuer).StartAsync(CancellationToken.None);
            await enqueuer.EnqueueAsync("order-1");
            await Hosted(enqueuer).StopAsync(CancellationToken.None);
            Assert.That(enqueuer.Sandbox.Providers.Sum(p => p.Requests.Count), Is.Zero);
        }

        await using var harness = DeliveryHarness.Create(o => o.PollInterval = Poll, database: database);
        await Hosted(harness).StartAsync(CancellationToken.None);
        await attempts.WaitForAsync(5);
        await Hosted(harness).StopAsync(CancellationToken.None);

        Assert.That((await harness.Admin.GetOrderAsync("order-1"))!.Deliveries, Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Succeeded));
    }

    [Test]
    public async Task On_shutdown_the_worker_stops_claiming_and_lets_an_in_flight_delivery_finish()
    {
        using var attempts = new AttemptCounter();
        await using var harness = DeliveryHarness.Create(o => o.PollInterval = Poll);
        var slow = TimeSpan.FromMinutes(3);
        harness.Sandbox.Kit.FailNext(1, SandboxFault.Slow(slow));
        var kitHolding = harness.Clock.WaitForTimerAsync(slow);
        await harness.EnqueueAsync("order-1");
        await Hosted(harness).StartAsync(CancellationToken.None);
        await kitHolding.WaitAsync(TimeSpan.FromSeconds(30));
        await attempts.WaitForAsync(4);

        var stopping = Hosted(harness).StopAsync(CancellationToken.None);
        await harness.EnqueueAsync("order-2");
        harness.Clock.Advance(slow);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That((await harness.DeliveryAsync("order-1", "Kit")).State, Is.EqualTo(DeliveryState.Succeeded));
        Assert.That(harness.Sandbox.Kit.RecordCount, Is.EqualTo(1));
        Assert.That((await harness.Admin.GetOrderAsync("order-2"))!.Deliveries, Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Pending), "nothing is claimed once stopping");
    }

    [Test]
    public async Task Past_the_shutdown_timeout_an_in_flight_delivery_is_given_back_and_resumed_by_asking_first()
    {
        await using var store = OneStore.Start();
        var (attempts, _, clock, sandbox) = store;
        var slow = TimeSpan.FromMinutes(3);
        sandbox.Kit.FailNext(1, SandboxFault.Slow(slow));
        var kitHolding = clock.WaitForTimerAsync(slow);
        await using (var first = store.Harness(o => o.PollInterval = Poll))
        {
            await first.EnqueueAsync("order-1");
            await Hosted(first).StartAsync(CancellationToken.None);
            await kitHolding.WaitAsync(TimeSpan.FromSeconds(30));
            await attempts.WaitForAsync(4);

            await Hosted(first).StopAsync(new CancellationToken(canceled: true)).WaitAsync(TimeSpan.FromSeconds(30));

            var released = await first.DeliveryAsync("order-1", "Kit");
            Assert.That((released.State, released.EarlierAttemptMayHaveLanded, released.LeasedUntil), Is.EqualTo((DeliveryState.Pending, true, (DateTimeOffset?)null)));
            Assert.That(released.History.Single().Outcome, Is.EqualTo(DeliveryAttemptOutcome.Interrupted));
        }

        await using var second = store.Harness();
        var posts = sandbox.Kit.Requests.Count;
        await second.DeliverDueAsync();

        var resumed = await second.DeliveryAsync("order-1", "Kit");
        Assert.That(resumed.State, Is.EqualTo(DeliveryState.Indeterminate), "Kit cannot be asked, so the interrupted send is parked, not repeated");
        Assert.That(sandbox.Kit.Requests, Has.Count.EqualTo(posts));
        Assert.That(sandbox.Kit.RecordCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Past_the_shutdown_timeout_a_delivery_the_provider_cannot_have_recorded_is_given_back_and_simply_sent_again()
    {
        await using var store = OneStore.Start();
        var (attempts, _, clock, sandbox) = store;
        var backoff = TimeSpan.FromMinutes(20); // the SDK's own wait before retrying Kit's 503
        sandbox.Kit.FailNext(1, SandboxFault.Status(503)); // "not processed" (README failure table)
        var waitingToRetry = clock.WaitForTimerAsync(due => due >= backoff * 0.75 && due <= backoff);
        await using (var first = store.Harness(
            o => o.PollInterval = Poll,
            services: s => s.PostConfigure<KitOptions>(o => (o.Resilience.BaseDelay, o.Resilience.MaxDelay) = (backoff, backoff))))
        {
            await first.EnqueueAsync("order-1");
            await Hosted(first).StartAsync(CancellationToken.None);
            await waitingToRetry;
            await attempts.WaitForAsync(4);

            await Hosted(first).StopAsync(new CancellationToken(canceled: true)).WaitAsync(TimeSpan.FromSeconds(30));

            var released = await first.DeliveryAsync("order-1", "Kit");
            Assert.That((released.State, released.EarlierAttemptMayHaveLanded), Is.EqualTo((DeliveryState.Pending, false)));
            Assert.That(released.History.Single().Outcome, Is.EqualTo(DeliveryAttemptOutcome.Interrupted));
            Assert.That(released.History.Single().Message, Does.Contain("before the provider can have recorded anything"));
        }

        await using var second = store.Harness();
        await second.DeliverDueAsync();

        var delivered = await second.DeliveryAsync("order-1", "Kit");
        Assert.That(delivered.State, Is.EqualTo(DeliveryState.Succeeded), "sent again, as nothing can have been recorded; not parked");
        Assert.That(sandbox.Kit.RecordCount, Is.EqualTo(1));
    }
}
