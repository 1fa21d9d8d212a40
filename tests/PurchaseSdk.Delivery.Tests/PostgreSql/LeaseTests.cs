using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using PurchaseSdk.Delivery.PostgreSql;

namespace PurchaseSdk.Delivery.Tests.PostgreSql;

/// <summary>
/// Leases on the database's clock, between instances whose own clocks disagree by days; a lease that expires is
/// taken over by another instance with the "maybe processed" rules; a connection dropped in the middle of a claim.
/// </summary>
public sealed class LeaseTests
{
    private static DeliveryEnqueueRequest Request(string orderId, params string[] providers) =>
        new() { OrderId = orderId, Providers = providers, Payload = "{}", SchemaVersion = 1 };

    private static async Task<DateTimeOffset> DatabaseNowAsync(TestDatabase database) =>
        new DateTimeOffset((DateTime)(await database.ScalarAsync("SELECT now()"))!);

    [Test]
    public async Task A_short_lease_expires_by_the_database_s_clock_and_another_instance_takes_the_delivery_over()
    {
        await using var database = TestDatabase.Create("lease");
        using var first = new PostgreSqlDeliveryStore(new PostgreSqlDeliveryStoreOptions(), database.DataSource);
        await using var otherSource = NpgsqlDataSource.Create(database.ConnectionString);
        using var second = new PostgreSqlDeliveryStore(new PostgreSqlDeliveryStoreOptions(), otherSource);
        await first.EnqueueAsync(Request("order-1", "Kit"), null, null, CancellationToken.None);

        var before = await DatabaseNowAsync(database);
        var held = (await first.ClaimAsync("instance-a", 10, TimeSpan.FromSeconds(1), CancellationToken.None)).Single();
        Assert.That(await first.MarkAttemptStartedAsync(held.Lease, CancellationToken.None), Is.True);
        var leased = (await first.GetDeliveryAsync(held.Lease.DeliveryId, CancellationToken.None))!;
        Assert.That(held.ClaimedAt, Is.InRange(before, await DatabaseNowAsync(database)), "claimed at the database's now()");
        Assert.That(leased.LeasedUntil, Is.EqualTo(held.ClaimedAt + TimeSpan.FromSeconds(1)), "the lease ends one second after the claim, on the database's clock");
        Assert.That(await second.ClaimAsync("instance-b", 10, TimeSpan.FromMinutes(1), CancellationToken.None), Is.Empty, "a live lease is not taken");

        await Eventually.TrueAsync(async () => await DatabaseNowAsync(database) >= leased.LeasedUntil, "the database's clock passes the lease", seconds: 10);
        var taken = (await second.ClaimAsync("instance-b", 10, TimeSpan.FromMinutes(1), CancellationToken.None)).Single();

        Assert.That((taken.Lease.DeliveryId, taken.EarlierAttemptMayHaveLanded, taken.Attempts), Is.EqualTo((held.Lease.DeliveryId, true, 1)));
        Assert.That(await first.CompleteAsync(held.Lease, new DeliveryCompletion { State = DeliveryState.Succeeded, Outcome = DeliveryAttemptOutcome.Succeeded }, CancellationToken.None), Is.False, "the first instance's late result is not recorded");
        var record = (await second.GetDeliveryAsync(taken.Lease.DeliveryId, CancellationToken.None))!;
        Assert.That(record.History.Single().Outcome, Is.EqualTo(DeliveryAttemptOutcome.LeaseExpired));
        Assert.That(await database.ScalarAsync($"SELECT worker FROM purchasesdk.attempts WHERE delivery_id = {taken.Lease.DeliveryId}"), Is.EqualTo("instance-a"), "the attempt names the instance that started it");
    }

    [Test]
    public async Task Instances_whose_clocks_disagree_by_days_agree_on_leases_and_the_taken_over_delivery_follows_the_maybe_processed_rules()
    {
        await using var database = TestDatabase.Create("lease");
        await using var sandbox = PurchaseSandbox.Start();
        var behind = new TestClock();
        var ahead = new TestClock();
        ahead.Advance(TimeSpan.FromDays(7));
        await using var a = DeliveryHarness.Create(store: d => d.UsePostgreSql(database.ConnectionString), sandbox: sandbox, clock: behind);
        await using var b = DeliveryHarness.Create(store: d => d.UsePostgreSql(database.ConnectionString), sandbox: sandbox, clock: ahead);

        var before = await DatabaseNowAsync(database);
        await a.EnqueueAsync("order-1");
        var order = (await b.Admin.GetOrderAsync("order-1"))!;
        Assert.That(order.EnqueuedAt, Is.InRange(before, await DatabaseNowAsync(database)), "enqueued at the database's now(), not instance A's clock");

        // Instance A takes all five for five minutes and starts Kit's attempt, then (as far as anyone can tell) dies.
        var held = await a.Store.ClaimAsync("instance-a", 10, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.That(held, Has.Count.EqualTo(5));
        Assert.That(await a.Store.MarkAttemptStartedAsync(held.Single(d => d.Provider == "Kit").Lease, CancellationToken.None), Is.True);

        Assert.That(await b.DeliverDueAsync(), Is.Zero, "instance B, seven days ahead on its own clock, leaves A's live leases alone");

        // Five minutes later on the database's clock.
        await database.ExecuteAsync("UPDATE purchasesdk.deliveries SET lease_until = now() - interval '1 millisecond' WHERE lease_owner = 'instance-a'");
        Assert.That(await b.DeliverDueAsync(), Is.EqualTo(5));

        var after = (await b.Admin.GetOrderAsync("order-1"))!.Deliveries.ToDictionary(d => d.Provider);
        Assert.That(after["Kit"].State, Is.EqualTo(DeliveryState.Indeterminate), "Kit's attempt had started and Kit cannot be asked: parked, not sent again");
        Assert.That(after["Kit"].History.Select(h => h.Outcome), Is.EqualTo(new[] { DeliveryAttemptOutcome.LeaseExpired, DeliveryAttemptOutcome.Indeterminate }));
        Assert.That(sandbox.Kit.RecordCount, Is.Zero);
        foreach (var provider in new[] { "Scout", "Rundl", "Drip", "ElasticPath" })
        {
            Assert.That(after[provider].State, Is.EqualTo(DeliveryState.Succeeded), provider + ": never started under A, simply delivered");
        }
    }

    [Test]
    public async Task A_connection_dropped_in_the_middle_of_a_claim_is_replaced_and_the_worker_claims_again()
    {
        await using var database = TestDatabase.Create("lease");
        await using var harness = DeliveryHarness.Create(
            store: d => d.UsePostgreSql(database.ConnectionString),
            services: s => s.AddLogging(l => l.AddFakeLogging()));
        await harness.Outbox.EnqueueAsync(Purchases.OneUnit("order-1", harness.Sandbox.CreateContexts("cart-1")));

        // Hold the claim inside the database (a lock it must wait for), cut its connection there, then let go.
        await using var blocker = await database.DataSource.OpenConnectionAsync();
        await using var holding = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE purchasesdk.deliveries IN ACCESS EXCLUSIVE MODE", blocker, holding))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var delivering = harness.DeliverDueAsync();
        const string Claiming = "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE SKIP LOCKED%'";
        await Eventually.TrueAsync(async () => await database.ScalarAsync(Claiming) is int, "the claim waits for the lock");
        var claimer = (int)(await database.ScalarAsync(Claiming))!;
        Assert.That(await database.ScalarAsync($"SELECT pg_terminate_backend({claimer})"), Is.True);
        await Eventually.TrueAsync(async () => await database.ScalarAsync(Claiming) is int pid && pid != claimer, "the claim runs again on a new connection");
        await holding.RollbackAsync();

        Assert.That(await delivering.WaitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(5));
        Assert.That((await harness.Admin.GetOrderAsync("order-1"))!.Deliveries, Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Succeeded));
        Assert.That(harness.Sandbox.Providers.Select(p => p.RecordCount), Has.All.EqualTo(1), "each provider received the purchase once");
        Assert.That(harness.Services.GetFakeLogCollector().GetSnapshot().Select(r => r.Message), Has.Some.Contains("was lost (57P01"));
    }
}
