using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace PurchaseSdk.Delivery.Tests.PostgreSql;

/// <summary>
/// Transactional enqueue with the application's own transaction: an EF Core <c>DbContext</c> on Npgsql saves an order
/// row and enqueues its purchase through <c>Database.GetDbConnection()</c> / <c>GetDbTransaction()</c>; both commit or
/// both roll back. Connections the store cannot write through are refused, saying why.
/// </summary>
public sealed class TransactionalEnqueueTests
{
    private static DeliveryHarness Harness(TestDatabase database) =>
        DeliveryHarness.Create(store: d => d.UsePostgreSql(database.ConnectionString));

    private static ShopContext Shop(TestDatabase database) =>
        new(new DbContextOptionsBuilder<ShopContext>().UseNpgsql(database.ConnectionString).Options);

    private static async Task PlaceOrderAsync(DeliveryHarness harness, ShopContext shop, string orderId, bool commit)
    {
        await using var transaction = await shop.Database.BeginTransactionAsync();
        shop.Orders.Add(new ShopOrder { Id = orderId, Total = 58.99m });
        await shop.SaveChangesAsync();
        var purchase = DeliveryHarness.NewPurchase(orderId, harness.Sandbox.CreateContexts("cart-" + orderId));
        var enqueued = await harness.Outbox.EnqueueAsync(purchase, shop.Database.GetDbConnection(), transaction.GetDbTransaction());
        Assert.That(enqueued.AlreadyEnqueued, Is.False);
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }

    [Test]
    public async Task An_EF_Core_order_row_and_its_outbox_rows_commit_together_and_roll_back_together()
    {
        await using var database = TestDatabase.Create("efcore");
        await using (var create = Shop(database))
        {
            await create.Database.EnsureCreatedAsync();
        }

        await using var harness = Harness(database);
        await using (var shop = Shop(database))
        {
            await PlaceOrderAsync(harness, shop, "order-rolled-back", commit: false);
            shop.ChangeTracker.Clear();
            await PlaceOrderAsync(harness, shop, "order-committed", commit: true);
        }

        await using (var shop = Shop(database))
        {
            Assert.That(await shop.Orders.Select(o => o.Id).ToListAsync(), Is.EqualTo(new[] { "order-committed" }));
        }

        Assert.That(await harness.Admin.GetOrderAsync("order-rolled-back"), Is.Null, "the rolled-back order left no outbox row");
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM purchasesdk.deliveries WHERE order_id = 'order-rolled-back'"), Is.Zero);
        Assert.That(await harness.DeliverDueAsync(), Is.EqualTo(5));
        Assert.That((await harness.Admin.GetOrderAsync("order-committed"))!.Deliveries, Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Succeeded));
        Assert.That(harness.Sandbox.Kit.RecordCount, Is.EqualTo(1), "only the committed purchase reached a provider");
    }

    [Test]
    public async Task A_connection_the_store_cannot_write_through_is_refused_saying_why()
    {
        await using var database = TestDatabase.Create("efcore");
        await using var elsewhere = TestDatabase.Create("efcore");
        await using var harness = Harness(database);
        var purchase = DeliveryHarness.NewPurchase("order-1", []);

        await using (var other = await elsewhere.DataSource.OpenConnectionAsync())
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Outbox.EnqueueAsync(purchase, other, null));
            Assert.That(error!.Message, Does.Contain($"database '{elsewhere.Name}'").And.Contain($"'{database.Name}'"));
        }

        await using (var sqlite = new SqliteConnection("Data Source=:memory:"))
        {
            await sqlite.OpenAsync();
            var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Outbox.EnqueueAsync(purchase, sqlite, null));
            Assert.That(error!.Message, Does.Contain("NpgsqlConnection"));
        }

        await using var first = await database.DataSource.OpenConnectionAsync();
        await using var second = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await second.BeginTransactionAsync();
        var mismatch = await Assert.ThrowsAsync<ArgumentException>(() => harness.Outbox.EnqueueAsync(purchase, first, transaction));
        Assert.That(mismatch!.Message, Does.Contain("does not belong to the connection"));
        Assert.That(await harness.Admin.GetOrderAsync("order-1"), Is.Null);
    }

    internal sealed class ShopOrder
    {
        public required string Id { get; set; }

        public decimal Total { get; set; }
    }

    internal sealed class ShopContext : DbContext
    {
        public ShopContext(DbContextOptions<ShopContext> options)
            : base(options)
        {
        }

        public DbSet<ShopOrder> Orders => Set<ShopOrder>();
    }
}
