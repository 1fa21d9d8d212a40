using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Time.Testing;

namespace PurchaseSdk.Delivery.Tests.Storage;

/// <summary>
/// The contract every <see cref="IDeliveryStore"/> keeps. A store's test class derives from this fixture and supplies
/// only <see cref="CreateDatabase"/>: a fresh database, over which it can open any number of store instances (as
/// separate processes would) and application connections (for transactional enqueue).
/// </summary>
public abstract class DeliveryStoreContract
{
    private static readonly string[] Providers = ["Kit", "Drip", "ElasticPath"];
    private readonly List<IDisposable> _disposables = [];

    /// <summary>A fresh, empty database for one test.</summary>
    protected abstract IStoreDatabase CreateDatabase();

    /// <summary>One test's database.</summary>
    protected interface IStoreDatabase : IDisposable
    {
        /// <summary>A new store instance over this database, with <paramref name="time"/> as its clock.</summary>
        IDeliveryStore CreateStore(TimeProvider time);

        /// <summary>An open application connection to this database.</summary>
        Task<DbConnection> OpenConnectionAsync();
    }

    protected FakeTimeProvider Time { get; private set; } = null!;

    protected IStoreDatabase Database { get; private set; } = null!;

    protected IDeliveryStore Store { get; private set; } = null!;

    [SetUp]
    public async Task CreateStoreAsync()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        Database = CreateDatabase();
        Store = Track(Database.CreateStore(Time));
        await Store.InitializeAsync(CancellationToken.None);
    }

    [TearDown]
    public void DisposeDatabase()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            disposable.Dispose();
        }

        _disposables.Clear();
        Database.Dispose();
    }

    private T Track<T>(T store)
    {
        if (store is IDisposable disposable)
        {
            _disposables.Add(disposable);
        }

        return store;
    }

    private static DeliveryEnqueueRequest Request(string orderId, params string[] providers) => new()
    {
        OrderId = orderId,
        Providers = providers.Length == 0 ? Providers : providers,
        Payload = "{\"v\":1,\"purchase\":{\"order_id\":\"" + orderId + "\"}}",
        SchemaVersion = 1,
        TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    };

    private Task<StoreEnqueueResult> EnqueueAsync(string orderId, params string[] providers) =>
        Store.EnqueueAsync(Request(orderId, providers), null, null, CancellationToken.None);

    private Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int max = 100, TimeSpan? lease = null, IDeliveryStore? store = null) =>
        (store ?? Store).ClaimAsync("worker-a", max, lease ?? TimeSpan.FromMinutes(5), CancellationToken.None);

    private static DeliveryCompletion Reschedule(TimeSpan after, string message = "Kit answered 503") => new()
    {
        State = DeliveryState.Pending, Outcome = DeliveryAttemptOutcome.Rescheduled, RetryAfter = after, Message = message, ProviderAttempts = 1,
    };

    private static DeliveryCompletion Final(DeliveryState state, string? reference = null, string? message = null) => new()
    {
        State = state,
        Outcome = state switch
        {
            DeliveryState.Succeeded => DeliveryAttemptOutcome.Succeeded,
            DeliveryState.Skipped => DeliveryAttemptOutcome.Skipped,
            DeliveryState.Indeterminate => DeliveryAttemptOutcome.Indeterminate,
            _ => DeliveryAttemptOutcome.Failed,
        },
        ProviderReference = reference,
        Message = message,
        ProviderAttempts = 1,
    };

    private async Task<ClaimedDelivery> StartOneAsync(string provider = "Kit")
    {
        var claimed = (await ClaimAsync()).Single(c => c.Provider == provider);
        Assert.That(await Store.MarkAttemptStartedAsync(claimed.Lease, CancellationToken.None), Is.True);
        return claimed;
    }

    /// <summary>Enqueues order-1 for Kit and Drip and claims both; Kit's attempt has started, Drip's has not.</summary>
    private async Task<(ClaimedDelivery Kit, ClaimedDelivery Drip)> KitStartedAndDripClaimedAsync()
    {
        await EnqueueAsync("order-1", "Kit", "Drip");
        var claimed = await ClaimAsync();
        var kit = claimed.Single(c => c.Provider == "Kit");
        Assert.That(await Store.MarkAttemptStartedAsync(kit.Lease, CancellationToken.None), Is.True);
        return (kit, claimed.Single(c => c.Provider == "Drip"));
    }

    [Test]
    public async Task History_counts_what_ended_in_each_bucket_of_the_window_on_the_store_s_clock()
    {
        await EnqueueAsync("old", "Kit");
        var old = (await ClaimAsync()).Single();
        await Store.CompleteAsync(old.Lease, Final(DeliveryState.Succeeded, "ref-0"), CancellationToken.None);
        Time.Advance(TimeSpan.FromHours(5));
        await EnqueueAsync("order-1");
        var claimed = await ClaimAsync();
        await Store.CompleteAsync(claimed.Single(c => c.Provider == "Kit").Lease, Final(DeliveryState.Succeeded, "ref-1"), CancellationToken.None);
        await Store.CompleteAsync(claimed.Single(c => c.Provider == "Drip").Lease, Final(DeliveryState.Failed, message: "422"), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(90));
        await Store.CompleteAsync(claimed.Single(c => c.Provider == "ElasticPath").Lease, Final(DeliveryState.Indeterminate, message: "timeout"), CancellationToken.None);

        var history = await Store.GetHistoryAsync(TimeSpan.FromHours(3), TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(history.From, Is.EqualTo(Time.GetUtcNow() - TimeSpan.FromHours(3)));
            Assert.That(history.Buckets.Select(b => b.Start), Is.EqualTo(new[] { history.From, history.From.AddHours(1), history.From.AddHours(2) }));
            Assert.That(history.Buckets.Select(b => (b.Succeeded, b.Failed, b.Indeterminate)), Is.EqualTo(new[] { (0L, 0L, 0L), (1L, 1L, 0L), (0L, 0L, 1L) }),
                "five hours ago is outside the window; 90 minutes ago is the second bucket; now the third");
        });
    }

    [Test]
    public async Task History_refuses_a_bucket_that_is_empty_or_longer_than_the_window()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetHistoryAsync(TimeSpan.FromHours(1), TimeSpan.Zero, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetHistoryAsync(TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), CancellationToken.None));
    }

    [Test]
    public async Task Enqueue_stores_one_pending_delivery_per_provider_due_at_once_with_the_payload_and_trace()
    {
        var result = await EnqueueAsync("order-1");

        Assert.That(result.Created, Is.True);
        var claimed = await ClaimAsync();
        Assert.That(claimed.Select(c => c.Provider), Is.EquivalentTo(Providers));
        Assert.That(claimed, Has.All.Matches<ClaimedDelivery>(c =>
            c!.OrderId == "order-1" && c.Attempts == 0 && !c.EarlierAttemptMayHaveLanded && c.SchemaVersion == 1
            && c.Payload!.Contains("order-1") && c.TraceParent == Request("x").TraceParent && c.PendingSince == Time.GetUtcNow() && c.ClaimedAt == Time.GetUtcNow()));
    }

    [Test]
    public async Task Enqueueing_an_order_id_again_stores_nothing_and_says_so()
    {
        await EnqueueAsync("order-1");
        var again = await Store.EnqueueAsync(Request("order-1", "Kit", "Scout"), null, null, CancellationToken.None);

        Assert.That(again.Created, Is.False);
        Assert.That(await Store.CountAsync(new DeliveryFilter(), CancellationToken.None), Is.EqualTo(3));
        Assert.That(await Store.CountAsync(new DeliveryFilter { Provider = "Scout" }, CancellationToken.None), Is.Zero);
    }

    [Test]
    public async Task A_claimed_delivery_is_not_claimed_again_while_its_lease_lives()
    {
        await EnqueueAsync("order-1");
        Assert.That(await ClaimAsync(), Has.Count.EqualTo(3));

        Time.Advance(TimeSpan.FromMinutes(4));
        Assert.That(await ClaimAsync(), Is.Empty);
    }

    [Test]
    public async Task A_claim_takes_at_most_the_count_asked_for_earliest_due_first()
    {
        await EnqueueAsync("order-1", "Kit");
        Time.Advance(TimeSpan.FromSeconds(1));
        await EnqueueAsync("order-2", "Kit");

        var first = await ClaimAsync(max: 1);
        Assert.That(first.Single().OrderId, Is.EqualTo("order-1"));
        Assert.That((await ClaimAsync(max: 1)).Single().OrderId, Is.EqualTo("order-2"));
    }

    [Test]
    public async Task An_expired_lease_whose_attempt_never_started_is_simply_due_again()
    {
        await EnqueueAsync("order-1", "Kit");
        await ClaimAsync(lease: TimeSpan.FromMinutes(1));

        Time.Advance(TimeSpan.FromMinutes(1));
        var again = (await ClaimAsync()).Single();

        Assert.That(again.EarlierAttemptMayHaveLanded, Is.False);
        Assert.That(again.Attempts, Is.Zero);
    }

    [Test]
    public async Task An_expired_lease_whose_attempt_started_comes_back_as_maybe_landed_and_its_attempt_ends_lease_expired()
    {
        await EnqueueAsync("order-1", "Kit");
        var first = (await ClaimAsync(lease: TimeSpan.FromMinutes(1))).Single();
        Assert.That(await Store.MarkAttemptStartedAsync(first.Lease, CancellationToken.None), Is.True);

        Time.Advance(TimeSpan.FromMinutes(1));
        var again = (await ClaimAsync()).Single();

        Assert.That(again.EarlierAttemptMayHaveLanded, Is.True);
        Assert.That(again.Attempts, Is.EqualTo(1));
        var record = await Store.GetDeliveryAsync(again.Lease.DeliveryId, CancellationToken.None);
        Assert.That(record!.History.Single().Outcome, Is.EqualTo(DeliveryAttemptOutcome.LeaseExpired));
        Assert.That(record.EarlierAttemptMayHaveLanded, Is.True);

        // The flag survives a reschedule: only a definite outcome or an administrator clears it.
        Assert.That(await Store.MarkAttemptStartedAsync(again.Lease, CancellationToken.None), Is.True);
        Assert.That(await Store.CompleteAsync(again.Lease, Reschedule(TimeSpan.FromSeconds(30)), CancellationToken.None), Is.True);
        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.That((await ClaimAsync()).Single().EarlierAttemptMayHaveLanded, Is.True);
    }

    [Test]
    public async Task A_lease_taken_over_by_another_claimer_can_no_longer_start_complete_or_release()
    {
        await EnqueueAsync("order-1", "Kit");
        var old = (await ClaimAsync(lease: TimeSpan.FromMinutes(1))).Single();
        Time.Advance(TimeSpan.FromMinutes(2));
        var current = (await ClaimAsync()).Single();

        Assert.That(await Store.MarkAttemptStartedAsync(old.Lease, CancellationToken.None), Is.False);
        Assert.That(await Store.CompleteAsync(old.Lease, Final(DeliveryState.Succeeded, "x"), CancellationToken.None), Is.False);
        Assert.That(await Store.ReleaseAsync(old.Lease, true, CancellationToken.None), Is.False);
        Assert.That(await Store.MarkAttemptStartedAsync(current.Lease, CancellationToken.None), Is.True);
        Assert.That(await Store.CompleteAsync(current.Lease, Final(DeliveryState.Succeeded, "kit-1"), CancellationToken.None), Is.True);
        Assert.That((await Store.GetDeliveryAsync(current.Lease.DeliveryId, CancellationToken.None))!.ProviderReference, Is.EqualTo("kit-1"));
    }

    [Test]
    public async Task Concurrent_claimers_on_one_database_never_receive_the_same_delivery()
    {
        const int Orders = 150;
        for (var i = 0; i < Orders; i++)
        {
            await EnqueueAsync("order-" + i, "Kit", "Drip");
        }

        var second = Track(Database.CreateStore(Time));
        var claimedBy = new ConcurrentDictionary<long, string>();
        var duplicates = new ConcurrentBag<long>();

        // Both claimers start every round together, so their claims really overlap.
        using var rounds = new Barrier(2);
        async Task ClaimAllAsync(IDeliveryStore store, string name)
        {
            while (true)
            {
                rounds.SignalAndWait(TimeSpan.FromSeconds(30));
                var batch = await store.ClaimAsync(name, 7, TimeSpan.FromMinutes(5), CancellationToken.None);
                if (batch.Count == 0)
                {
                    rounds.RemoveParticipant();
                    return;
                }

                foreach (var delivery in batch)
                {
                    if (!claimedBy.TryAdd(delivery.Lease.DeliveryId, name))
                    {
                        duplicates.Add(delivery.Lease.DeliveryId);
                    }
                }
            }
        }

        await Task.WhenAll(Task.Run(() => ClaimAllAsync(Store, "a")), Task.Run(() => ClaimAllAsync(second, "b"))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(duplicates, Is.Empty);
        Assert.That(claimedBy, Has.Count.EqualTo(Orders * 2));
        Assert.That(claimedBy.Values.Distinct().Count(), Is.EqualTo(2), "both claimers took part");
    }

    [Test]
    public async Task A_rescheduled_delivery_is_due_after_its_delay_with_its_attempt_and_error_recorded()
    {
        await EnqueueAsync("order-1", "Kit");
        var claimed = await StartOneAsync();

        Assert.That(await Store.CompleteAsync(claimed.Lease, Reschedule(TimeSpan.FromSeconds(90)), CancellationToken.None), Is.True);
        var record = await Store.GetDeliveryAsync(claimed.Lease.DeliveryId, CancellationToken.None);
        Assert.That(record!.State, Is.EqualTo(DeliveryState.Pending));
        Assert.That(record.NextAttemptAt, Is.EqualTo(Time.GetUtcNow() + TimeSpan.FromSeconds(90)));
        Assert.That(record.Attempts, Is.EqualTo(1));
        Assert.That(record.LastError, Is.EqualTo("Kit answered 503"));
        Assert.That(record.LeasedUntil, Is.Null);
        Assert.That(record.History.Single().Outcome, Is.EqualTo(DeliveryAttemptOutcome.Rescheduled));

        Time.Advance(TimeSpan.FromSeconds(89));
        Assert.That(await ClaimAsync(), Is.Empty);
        Time.Advance(TimeSpan.FromSeconds(1));
        var again = (await ClaimAsync()).Single();
        Assert.That(again.Attempts, Is.EqualTo(1));
        Assert.That(again.PendingSince, Is.EqualTo(claimed.PendingSince));
    }

    [Test]
    public async Task A_failed_delivery_is_dead_until_an_administrator_re_drives_it()
    {
        await EnqueueAsync("order-1", "Kit");
        var claimed = await StartOneAsync();
        await Store.CompleteAsync(claimed.Lease, Final(DeliveryState.Failed, message: "Kit answered 422"), CancellationToken.None);

        var dead = await Store.GetDeliveryAsync(claimed.Lease.DeliveryId, CancellationToken.None);
        Assert.That(dead!.State, Is.EqualTo(DeliveryState.Failed));
        Assert.That(dead.FinishedAt, Is.EqualTo(Time.GetUtcNow()));
        Assert.That(dead.LastError, Is.EqualTo("Kit answered 422"));
        Time.Advance(TimeSpan.FromDays(3));
        Assert.That(await ClaimAsync(), Is.Empty);

        Assert.That(await Store.ChangeAsync(claimed.Lease.DeliveryId, DeliveryAdminChange.Redrive, null, CancellationToken.None), Is.EqualTo(DeliveryChangeResult.Changed));
        var redriven = (await ClaimAsync()).Single();
        Assert.That(redriven.PendingSince, Is.EqualTo(Time.GetUtcNow()), "a fresh MaxAge window");
        Assert.That((await Store.GetDeliveryAsync(claimed.Lease.DeliveryId, CancellationToken.None))!.Resolution, Does.Contain("Re-driven"));
    }

    [Test]
    public async Task An_indeterminate_delivery_is_parked_until_resolved_as_delivered_or_re_sent()
    {
        await EnqueueAsync("order-1", "Kit", "Scout");
        var claimed = await ClaimAsync();
        foreach (var delivery in claimed)
        {
            await Store.MarkAttemptStartedAsync(delivery.Lease, CancellationToken.None);
            await Store.CompleteAsync(delivery.Lease, Final(DeliveryState.Indeterminate, message: "timed out after sending"), CancellationToken.None);
        }

        Time.Advance(TimeSpan.FromDays(3));
        Assert.That(await ClaimAsync(), Is.Empty, "parked deliveries are never sent again automatically");

        var kit = claimed.Single(c => c.Provider == "Kit").Lease.DeliveryId;
        var scout = claimed.Single(c => c.Provider == "Scout").Lease.DeliveryId;
        Assert.That(await Store.ChangeAsync(kit, DeliveryAdminChange.ResolveAsDelivered, "kit-77", CancellationToken.None), Is.EqualTo(DeliveryChangeResult.Changed));
        Assert.That(await Store.ChangeAsync(scout, DeliveryAdminChange.Resend, null, CancellationToken.None), Is.EqualTo(DeliveryChangeResult.Changed));

        var resolved = await Store.GetDeliveryAsync(kit, CancellationToken.None);
        Assert.That((resolved!.State, resolved.ProviderReference, resolved.FinishedAt), Is.EqualTo((DeliveryState.Succeeded, "kit-77", (DateTimeOffset?)Time.GetUtcNow())));
        var resent = (await ClaimAsync()).Single();
        Assert.That((resent.Provider, resent.EarlierAttemptMayHaveLanded), Is.EqualTo(("Scout", false)));
        Assert.That(await Store.ChangeAsync(kit, DeliveryAdminChange.Resend, null, CancellationToken.None), Is.EqualTo(DeliveryChangeResult.NotAllowedInCurrentState));
        Assert.That(await Store.ChangeAsync(kit, DeliveryAdminChange.Redrive, null, CancellationToken.None), Is.EqualTo(DeliveryChangeResult.NotAllowedInCurrentState));
    }

    [Test]
    public async Task Cancel_stops_a_delivery_even_in_flight_and_refuses_finished_or_unknown_ones()
    {
        var (kit, drip) = await KitStartedAndDripClaimedAsync();
        await Store.CompleteAsync(drip.Lease, Final(DeliveryState.Succeeded, "d-1"), CancellationToken.None);

        Assert.That(await Store.ChangeAsync(kit.Lease.DeliveryId, DeliveryAdminChange.Cancel, null, CancellationToken.None), Is.EqualTo(DeliveryChangeResult.Changed));
        Assert.That(await Store.CompleteAsync(kit.Lease, Final(DeliveryState.Succeeded, "k-1"), CancellationToken.None), Is.False, "the worker's late result is not recorded");
        Assert.That((await Store.GetDeliveryAsync(kit.Lease.DeliveryId, CancellationToken.None))!.State, Is.EqualTo(DeliveryState.Cancelled));
        Assert.That(await Store.ChangeAsync(drip.Lease.DeliveryId, DeliveryAdminChange.Cancel, null, CancellationToken.None), Is.EqualTo(DeliveryChangeResult.NotAllowedInCurrentState));
        Assert.That(await Store.ChangeAsync(999_999, DeliveryAdminChange.Cancel, null, CancellationToken.None), Is.EqualTo(DeliveryChangeResult.NotFound));
        Time.Advance(TimeSpan.FromDays(1));
        Assert.That(await ClaimAsync(), Is.Empty);
    }

    [Test]
    public async Task A_released_delivery_is_due_at_once_and_asks_first_when_its_attempt_had_started()
    {
        var (kit, drip) = await KitStartedAndDripClaimedAsync();

        Assert.That(await Store.ReleaseAsync(kit.Lease, mayHaveBeenSent: true, CancellationToken.None), Is.True);
        Assert.That(await Store.ReleaseAsync(drip.Lease, mayHaveBeenSent: false, CancellationToken.None), Is.True);

        var again = await ClaimAsync();
        Assert.That(again.Single(c => c.Provider == "Kit").EarlierAttemptMayHaveLanded, Is.True);
        Assert.That(again.Single(c => c.Provider == "Drip").EarlierAttemptMayHaveLanded, Is.False);
        Assert.That((await Store.GetDeliveryAsync(kit.Lease.DeliveryId, CancellationToken.None))!.History.Single().Outcome, Is.EqualTo(DeliveryAttemptOutcome.Interrupted));
    }

    [Test]
    public async Task A_started_attempt_given_back_as_not_sent_is_sent_again_without_asking()
    {
        await EnqueueAsync("order-1", "Kit");
        var kit = (await ClaimAsync()).Single();
        await Store.MarkAttemptStartedAsync(kit.Lease, CancellationToken.None);

        Assert.That(await Store.ReleaseAsync(kit.Lease, mayHaveBeenSent: false, CancellationToken.None), Is.True);

        Assert.That((await ClaimAsync()).Single().EarlierAttemptMayHaveLanded, Is.False, "the worker knows better than the marker: nothing was sent");
        var attempt = (await Store.GetDeliveryAsync(kit.Lease.DeliveryId, CancellationToken.None))!.History.Single();
        Assert.That(attempt.Outcome, Is.EqualTo(DeliveryAttemptOutcome.Interrupted));
        Assert.That(attempt.Message, Does.Contain("before the provider can have recorded anything"));
    }

    [Test]
    public async Task A_completion_without_a_started_attempt_records_one_attempt_that_sent_nothing()
    {
        await EnqueueAsync("order-1", "Kit");
        var claimed = (await ClaimAsync()).Single();

        await Store.CompleteAsync(claimed.Lease, new DeliveryCompletion { State = DeliveryState.Failed, Outcome = DeliveryAttemptOutcome.Failed, AttemptStarted = false, Message = "unreadable payload" }, CancellationToken.None);

        var record = await Store.GetDeliveryAsync(claimed.Lease.DeliveryId, CancellationToken.None);
        Assert.That(record!.Attempts, Is.EqualTo(1));
        Assert.That(record.History.Single(), Has.Property(nameof(DeliveryAttempt.Message)).EqualTo("unreadable payload").And.Property(nameof(DeliveryAttempt.ProviderAttempts)).Zero);
    }

    [Test]
    public async Task List_and_count_filter_by_state_provider_and_order_and_page_by_id()
    {
        for (var i = 0; i < 5; i++)
        {
            await EnqueueAsync("order-" + i, "Kit", "Drip");
        }

        var kitOfOrder3 = (await Store.ListAsync(new DeliveryQuery { Filter = new() { OrderId = "order-3", Provider = "Kit" } }, CancellationToken.None)).Items.Single();
        var claimed = (await ClaimAsync()).Single(c => c.Lease.DeliveryId == kitOfOrder3.Id);
        await Store.CompleteAsync(claimed.Lease, Final(DeliveryState.Failed, message: "refused"), CancellationToken.None);

        Assert.That(await Store.CountAsync(new DeliveryFilter { Provider = "Kit" }, CancellationToken.None), Is.EqualTo(5));
        Assert.That(await Store.CountAsync(new DeliveryFilter { State = DeliveryState.Failed }, CancellationToken.None), Is.EqualTo(1));
        Assert.That(await Store.CountAsync(new DeliveryFilter { State = DeliveryState.Pending, Provider = "Kit" }, CancellationToken.None), Is.EqualTo(4));

        var seen = new List<DeliveryRecord>();
        long? after = null;
        var pages = 0;
        do
        {
            var page = await Store.ListAsync(new DeliveryQuery { PageSize = 3, AfterId = after }, CancellationToken.None);
            seen.AddRange(page.Items);
            after = page.NextAfterId;
            pages++;
        }
        while (after is not null);

        Assert.That(pages, Is.EqualTo(4));
        Assert.That(seen.Select(r => r.Id), Is.Ordered.Ascending.And.Unique);
        Assert.That(seen, Has.Count.EqualTo(10));
        Assert.That(seen.Single(r => r.Id == kitOfOrder3.Id).State, Is.EqualTo(DeliveryState.Failed));
        Assert.That(seen, Has.All.Property(nameof(DeliveryRecord.History)).Empty);
    }

    [Test]
    public async Task An_order_shows_its_deliveries_with_their_attempts_and_last_errors()
    {
        await EnqueueAsync("order-1", "Kit", "Drip");
        var kit = await StartOneAsync("Kit");
        await Store.CompleteAsync(kit.Lease, Reschedule(TimeSpan.FromSeconds(10), "Kit answered 503"), CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(10));
        var again = (await ClaimAsync()).Single(c => c.Provider == "Kit");
        await Store.MarkAttemptStartedAsync(again.Lease, CancellationToken.None);
        await Store.CompleteAsync(again.Lease, Final(DeliveryState.Succeeded, "kit-9"), CancellationToken.None);

        var order = await Store.GetOrderAsync("order-1", CancellationToken.None);

        Assert.That(order!.HasPayload, Is.True);
        Assert.That(order.Deliveries.Select(d => d.Provider), Is.EqualTo(new[] { "Kit", "Drip" }));
        var kitDelivery = order.Deliveries[0];
        Assert.That(kitDelivery.History.Select(a => a.Outcome), Is.EqualTo(new[] { DeliveryAttemptOutcome.Rescheduled, DeliveryAttemptOutcome.Succeeded }));
        Assert.That(kitDelivery.History[0].Message, Is.EqualTo("Kit answered 503"));
        Assert.That(kitDelivery.History[1].ProviderReference, Is.EqualTo("kit-9"));
        Assert.That(kitDelivery.LastError, Is.EqualTo("Kit answered 503"));
        Assert.That(await Store.GetOrderAsync("nope", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Purge_deletes_finished_deliveries_past_the_retention_and_keeps_the_order_id()
    {
        await EnqueueAsync("order-1", "Kit", "Drip");
        await EnqueueAsync("order-2", "Kit");
        var claimed = await ClaimAsync();
        foreach (var delivery in claimed.Where(c => c.OrderId == "order-1"))
        {
            await Store.CompleteAsync(delivery.Lease, Final(delivery.Provider == "Kit" ? DeliveryState.Succeeded : DeliveryState.Indeterminate), CancellationToken.None);
        }

        var order2 = claimed.Single(c => c.OrderId == "order-2");
        await Store.CompleteAsync(order2.Lease, Final(DeliveryState.Succeeded), CancellationToken.None);
        Time.Advance(TimeSpan.FromDays(8));
        await EnqueueAsync("order-3", "Kit");

        Assert.That(await Store.PurgeAsync(TimeSpan.FromDays(7), CancellationToken.None), Is.EqualTo(2));

        Assert.That((await Store.GetOrderAsync("order-1", CancellationToken.None))!.Deliveries.Single().State, Is.EqualTo(DeliveryState.Indeterminate));
        Assert.That((await Store.GetOrderAsync("order-1", CancellationToken.None))!.HasPayload, Is.True, "its parked delivery still needs it");
        var purged = await Store.GetOrderAsync("order-2", CancellationToken.None);
        Assert.That((purged!.HasPayload, purged.Deliveries.Count), Is.EqualTo((false, 0)));
        Assert.That(await Store.CountAsync(new DeliveryFilter { OrderId = "order-3" }, CancellationToken.None), Is.EqualTo(1));
        Assert.That((await EnqueueAsync("order-2", "Kit")).Created, Is.False, "a purged order id is still recognised");
    }

    [Test]
    public async Task Statistics_count_by_provider_and_state_and_age_the_oldest_pending_on_the_store_clock()
    {
        await EnqueueAsync("order-1", "Kit", "Drip");
        Time.Advance(TimeSpan.FromMinutes(10));
        await EnqueueAsync("order-2", "Kit");
        var claimed = (await ClaimAsync()).First(c => c.OrderId == "order-1" && c.Provider == "Drip");
        await Store.CompleteAsync(claimed.Lease, Final(DeliveryState.Indeterminate), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(5));

        var statistics = await Store.GetStatisticsAsync(CancellationToken.None);

        Assert.That(statistics.Count(DeliveryState.Pending), Is.EqualTo(2));
        Assert.That(statistics.Count(DeliveryState.Indeterminate), Is.EqualTo(1));
        Assert.That(statistics.Counts, Does.Contain(new DeliveryCount("Kit", DeliveryState.Pending, 2)));
        Assert.That(statistics.OldestPendingAge, Is.EqualTo(TimeSpan.FromMinutes(15)));
    }

    [Test]
    public async Task An_enqueue_inside_a_rolled_back_transaction_leaves_nothing_and_a_committed_one_is_delivered()
    {
        await using (var connection = await Database.OpenConnectionAsync())
        {
            await using var rolledBack = await connection.BeginTransactionAsync();
            Assert.That((await Store.EnqueueAsync(Request("rolled-back"), connection, rolledBack, CancellationToken.None)).Created, Is.True);
            await rolledBack.RollbackAsync();

            await using var committed = await connection.BeginTransactionAsync();
            Assert.That((await Store.EnqueueAsync(Request("committed", "Kit"), connection, committed, CancellationToken.None)).Created, Is.True);
            await committed.CommitAsync();
        }

        var claimed = await ClaimAsync();
        Assert.That(claimed.Select(c => c.OrderId), Is.EqualTo(new[] { "committed" }));
        Assert.That(await Store.GetOrderAsync("rolled-back", CancellationToken.None), Is.Null);
        Assert.That((await EnqueueAsync("rolled-back", "Kit")).Created, Is.True, "nothing of the rolled-back enqueue remains");
    }
}
