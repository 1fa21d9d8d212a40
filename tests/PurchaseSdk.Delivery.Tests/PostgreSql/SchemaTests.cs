using System.Text.RegularExpressions;
using Npgsql;
using PurchaseSdk.Delivery.PostgreSql;

namespace PurchaseSdk.Delivery.Tests.PostgreSql;

/// <summary>
/// The schema: created once under an advisory lock by instances starting together, versioned, refused when newer than
/// the code, and applicable by a DBA from the packaged script (which is exactly what the store runs).
/// </summary>
public sealed class SchemaTests
{
    private static string PackagedScriptPath => Path.Combine(Repository.Root, "src", "PurchaseSdk.Delivery.PostgreSql", "sql", "purchasesdk-delivery-postgresql.sql");

    private static PostgreSqlDeliveryStore Store(NpgsqlDataSource dataSource, Action<PostgreSqlDeliveryStoreOptions>? configure = null)
    {
        var options = new PostgreSqlDeliveryStoreOptions();
        configure?.Invoke(options);
        return new PostgreSqlDeliveryStore(options, dataSource);
    }

    private static DeliveryEnqueueRequest Request(string orderId) =>
        new() { OrderId = orderId, Providers = ["Kit", "Drip"], Payload = "{}", SchemaVersion = 1 };

    [Test]
    public async Task Instances_starting_together_create_the_schema_once_under_the_advisory_lock()
    {
        await using var database = TestDatabase.Create("schema");
        const int Instances = 8;

        // Each instance with a data source (and so connections) of its own, all released at once.
        var sources = Enumerable.Range(0, Instances).Select(_ => NpgsqlDataSource.Create(database.ConnectionString)).ToList();
        try
        {
            using var start = new Barrier(Instances);
            var stores = sources.Select(s => Store(s)).ToList();
            await Task.WhenAll(stores.Select(store => Task.Run(async () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                await store.InitializeAsync(CancellationToken.None);
            }))).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.That(await database.ScalarAsync("SELECT count(*) FROM purchasesdk.schema_version"), Is.EqualTo(1));
            Assert.That(await database.ScalarAsync("SELECT max(version) FROM purchasesdk.schema_version"), Is.EqualTo(1));
            Assert.That((await stores[3].EnqueueAsync(Request("order-1"), null, null, CancellationToken.None)).Created, Is.True);
            Assert.That(await stores[5].ClaimAsync("w", 10, TimeSpan.FromMinutes(1), CancellationToken.None), Has.Count.EqualTo(2));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task A_schema_newer_than_the_code_is_refused_with_a_message_that_says_what_to_do()
    {
        await using var database = TestDatabase.Create("schema");
        await Store(database.DataSource).InitializeAsync(CancellationToken.None);
        await database.ExecuteAsync("INSERT INTO purchasesdk.schema_version (version, description) VALUES (2, 'from a newer package')");

        using var store = Store(database.DataSource);
        var error = await Assert.CatchAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("version 2, newer than").And.Contain("knows (version 1)").And.Contain("Upgrade this application's PurchaseSdk.Delivery.PostgreSql"));
        await Assert.CatchAsync<InvalidOperationException>(() => store.EnqueueAsync(Request("order-1"), null, null, CancellationToken.None), "nothing is written into a schema the code does not know");
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM purchasesdk.orders"), Is.Zero);
    }

    [Test]
    public async Task Without_AutoCreateSchema_a_missing_schema_is_a_clear_error_and_the_packaged_script_is_all_a_DBA_needs()
    {
        await using var database = TestDatabase.Create("schema");
        using var store = Store(database.DataSource, o => o.AutoCreateSchema = false);

        var error = await Assert.CatchAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("does not exist").And.Contain("AutoCreateSchema is false").And.Contain("sql/purchasesdk-delivery-postgresql.sql"));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM pg_namespace WHERE nspname = 'purchasesdk'"), Is.Zero, "nothing was created");

        // The DBA runs the packaged script, in one transaction, as psql -1 -f would.
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var apply = new NpgsqlCommand(await File.ReadAllTextAsync(PackagedScriptPath), connection, transaction);
            await apply.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        await store.InitializeAsync(CancellationToken.None);
        Assert.That((await store.EnqueueAsync(Request("order-1"), null, null, CancellationToken.None)).Created, Is.True);
        Assert.That(await store.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), CancellationToken.None), Has.Count.EqualTo(2));
    }

    [Test]
    public void The_packaged_script_and_the_package_README_hold_exactly_what_the_store_runs()
    {
        var script = PostgreSqlDeliveryStore.GetSchemaScript();

        Assert.That(File.ReadAllText(PackagedScriptPath).ReplaceLineEndings("\n"), Is.EqualTo(script), "the store runs the packaged script (embedded)");
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "src", "PurchaseSdk.Delivery.PostgreSql", "README.md"));
        Assert.That(readme, Does.Contain("```sql\n" + script + "```"), "the package README shows the script");
    }

    [Test]
    public async Task Two_schemas_in_one_database_are_two_independent_queues()
    {
        await using var database = TestDatabase.Create("schema");
        using var shop = Store(database.DataSource, o => o.Schema = "shop_outbox");
        using var other = Store(database.DataSource);
        await shop.EnqueueAsync(Request("order-1"), null, null, CancellationToken.None);

        Assert.That(await other.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), CancellationToken.None), Is.Empty);
        Assert.That(await shop.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), CancellationToken.None), Has.Count.EqualTo(2));
        var script = PostgreSqlDeliveryStore.GetSchemaScript("shop_outbox");
        Assert.That(script, Does.Contain("CREATE TABLE shop_outbox.deliveries").And.Contain("CREATE SCHEMA IF NOT EXISTS shop_outbox;").And.Contain("on the channel shop_outbox_due."));
        Assert.That(Regex.Matches(script, "purchasesdk", RegexOptions.IgnoreCase).Select(m => script.Substring(m.Index, 16)), Is.All.StartWith("PurchaseSdk:").Or.StartWith("PurchaseSdk.Deli"), "only the package's and the options' names keep the default name");
    }

    [Test]
    public async Task A_schema_name_that_is_not_a_plain_identifier_is_refused()
    {
        await using var database = TestDatabase.Create("schema");
        Assert.Throws<ArgumentException>(() => Store(database.DataSource, o => o.Schema = "Shop; DROP TABLE x"));
        Assert.Throws<ArgumentException>(() => PostgreSqlDeliveryStore.GetSchemaScript("Upper"));
        Assert.Throws<ArgumentException>(() => PostgreSqlDeliveryStore.GetSchemaScript("shop\n"), "a trailing line break is not part of an identifier");

        using var reserved = Store(database.DataSource, o => o.Schema = "user");
        var error = await Assert.CatchAsync<InvalidOperationException>(() => reserved.InitializeAsync(CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("reserved word"));
    }
}
