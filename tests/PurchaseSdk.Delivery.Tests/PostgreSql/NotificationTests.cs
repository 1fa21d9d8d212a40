using Microsoft.Extensions.Hosting;
using Npgsql;
using PurchaseSdk.Delivery.PostgreSql;

namespace PurchaseSdk.Delivery.Tests.PostgreSql;

/// <summary>
/// LISTEN/NOTIFY: an enqueue in one instance wakes the idle worker of another at once (its poll never fires), only
/// when the enqueue commits, and a worker whose listening connection was lost listens again by itself.
/// </summary>
[NonParallelizable]
public sealed class NotificationTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromHours(1);

    private static IHostedService Worker(DeliveryHarness harness) =>
        harness.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "PurchaseDeliveryWorkerHost");

    private static DeliveryHarness Instance(TestDatabase database, PurchaseSandbox sandbox, bool runWorker) =>
        DeliveryHarness.Create(
            o =>
            {
                o.PollInterval = Poll;
                o.RunWorker = runWorker;
            },
            store: d => d.UsePostgreSql(database.ConnectionString),
            sandbox: sandbox);

    private static async Task<int> ListenersAsync(TestDatabase database) =>
        Convert.ToInt32(await database.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database.Name}' AND query = 'LISTEN purchasesdk_due' AND pid <> pg_backend_pid()"));

    /// <summary>
    /// Two instances of an application over one database and one sandbox: one whose worker runs and one that only
    /// enqueues (a web front end), with an attempt counter started before either.
    /// </summary>
    private sealed record TwoInstances(AttemptCounter Attempts, TestDatabase Database, PurchaseSandbox Sandbox, DeliveryHarness Worker, DeliveryHarness Web)
        : IAsyncDisposable
    {
        public static TwoInstances Start()
        {
            var attempts = new AttemptCounter();
            var database = TestDatabase.Create("notify");
            var sandbox = PurchaseSandbox.Start();
            return new TwoInstances(attempts, database, sandbox, Instance(database, sandbox, runWorker: true), Instance(database, sandbox, runWorker: false));
        }

        public async ValueTask DisposeAsync()
        {
            await Web.DisposeAsync();
            await Worker.DisposeAsync();
            await Sandbox.DisposeAsync();
            await Database.DisposeAsync();
            Attempts.Dispose();
        }
    }

    private static DeliveryEnqueueRequest Request(string orderId) => new() { OrderId = orderId, Providers = ["Kit"], Payload = "{}", SchemaVersion = 1 };

    [Test]
    public async Task An_enqueue_in_another_instance_wakes_an_idle_worker_without_its_poll()
    {
        await using var instances = TwoInstances.Start();
        var (attempts, database, _, worker, web) = instances;
        var idle = worker.Clock.WaitForTimerAsync(Poll);
        await Worker(worker).StartAsync(CancellationToken.None);
        await idle.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => await ListenersAsync(database) == 1, "the worker listens");

        await web.EnqueueAsync("order-1");
        await attempts.WaitForAsync(5);

        var order = await web.Admin.GetOrderAsync("order-1");
        Assert.That(order!.Deliveries, Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Succeeded));
        Assert.That(worker.Clock.GetUtcNow(), Is.EqualTo(web.Clock.GetUtcNow()), "the worker's clock stood still: no poll fired");
        await Worker(worker).StopAsync(CancellationToken.None);
        Assert.That(await ListenersAsync(database), Is.Zero, "the worker stopped listening when it stopped");
    }

    [Test]
    public async Task A_worker_whose_listening_connection_was_cut_listens_again_and_is_woken()
    {
        await using var instances = TwoInstances.Start();
        var (attempts, database, _, worker, web) = instances;
        await Worker(worker).StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => await ListenersAsync(database) == 1, "the worker listens");

        var cut = await database.ScalarAsync($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{database.Name}' AND query = 'LISTEN purchasesdk_due'");
        Assert.That(cut, Is.EqualTo(1));
        await Eventually.TrueAsync(async () => await ListenersAsync(database) == 1, "the worker listens again");

        await web.EnqueueAsync("order-1");
        await attempts.WaitForAsync(5);
        Assert.That((await web.Admin.GetOrderAsync("order-1"))!.Deliveries, Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Succeeded));
        await Worker(worker).StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task Only_a_committed_enqueue_notifies_and_a_store_with_notifications_off_sends_none()
    {
        await using var database = TestDatabase.Create("notify");
        using var store = new PostgreSqlDeliveryStore(new PostgreSqlDeliveryStoreOptions(), database.DataSource);
        using var quiet = new PostgreSqlDeliveryStore(new PostgreSqlDeliveryStoreOptions { Notifications = false }, database.DataSource);
        await store.InitializeAsync(CancellationToken.None);
        var heard = new List<string>();
        await using var listener = await database.DataSource.OpenConnectionAsync();
        listener.Notification += (_, e) => heard.Add(e.Channel);
        await using (var listen = new NpgsqlCommand("LISTEN purchasesdk_due", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await using (var application = await database.DataSource.OpenConnectionAsync())
        {
            await using var rolledBack = await application.BeginTransactionAsync();
            await store.EnqueueAsync(Request("rolled-back"), application, rolledBack, CancellationToken.None);
            await rolledBack.RollbackAsync();
        }

        await quiet.EnqueueAsync(Request("quiet"), null, null, CancellationToken.None);
        Assert.That((await store.EnqueueAsync(Request("quiet"), null, null, CancellationToken.None)).Created, Is.False);
        await store.EnqueueAsync(Request("committed"), null, null, CancellationToken.None);

        // Notifications arrive in commit order: anything the others had sent would arrive before this one.
        Assert.That(await listener.WaitAsync(TimeSpan.FromSeconds(30)), Is.True, "the committed enqueue notified");
        while (await listener.WaitAsync(TimeSpan.FromMilliseconds(200)))
        {
        }

        Assert.That(heard, Is.EqualTo(new[] { "purchasesdk_due" }), "one notification: the committed enqueue's, none for the rolled-back, the quiet or the repeated one");
    }
}
