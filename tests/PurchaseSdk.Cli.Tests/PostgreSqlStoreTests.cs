using Npgsql;
using PurchaseSdk.Cli.Tests.Support;
using PurchaseSdk.Delivery.Tests.PostgreSql.Support;

namespace PurchaseSdk.Cli.Tests;

/// <summary>
/// The tool on an application's PostgreSQL store (<c>PurchaseSdk:Delivery:PostgreSql:ConnectionString</c>): backfill
/// resumes by order id and delivers once, the deliveries commands read the same queue, and the password is never printed.
/// A throw-away cluster is started for this fixture, as the delivery tests do.
/// </summary>
[NonParallelizable]
public sealed class PostgreSqlStoreTests : SandboxedCliTest
{
    private PostgresCluster? _cluster;
    private string _connectionString = string.Empty;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        try
        {
            _cluster = await PostgresCluster.StartNewAsync();
        }
        catch (Exception exception) when (exception is InvalidOperationException or NpgsqlException or IOException or System.ComponentModel.Win32Exception)
        {
            var why = "The tool's PostgreSQL tests need a server and none could be started: " + exception.Message;
            if (string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(why);
            }

            Assert.Ignore(why);
        }

        await using var admin = new NpgsqlConnection(_cluster.ConnectionString());
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE DATABASE cli_store", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = _cluster.ConnectionString("cli_store");
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Test]
    public async Task Backfill_and_deliveries_work_on_PostgreSQL_each_purchase_once_and_the_password_is_never_printed()
    {
        Cli.Environment.Remove("PurchaseSdk__Delivery__Sqlite__ConnectionString");
        Cli.Environment["PurchaseSdk__Delivery__PostgreSql__ConnectionString"] = _connectionString;
        var file = Cli.Write("orders.jsonl", BackfillTests.Orders(50));

        var first = await Cli.RunAsync("backfill", file, "--sandbox", "--provider", "Kit", "--wait");
        var again = await Cli.RunAsync("backfill", file, "--sandbox", "--provider", "Kit", "--wait");
        var list = await Cli.RunAsync("deliveries", "--provider", "Kit");
        var show = await Cli.RunAsync("deliveries", "show", "O-7");

        var everything = string.Concat(first.Out, first.Error, again.Out, again.Error, list.Out, list.Error, show.Out, show.Error);
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(first.Out, Does.Contain("Enqueued 50 purchases for Kit; 0 already in the store"));
            Assert.That(BackfillTests.SummaryRow(first.Out, "Kit"), Is.EqualTo(new[] { "Kit", "50", "0", "0", "0", "0", "0" }));
            Assert.That(again.Out, Does.Contain("Enqueued 0 purchases for Kit; 50 already in the store (skipped)."), again.ToString());
            Assert.That(Sandbox.Kit.Records.Select(r => r["transaction_id"]!.ToString()).ToList(), Has.Count.EqualTo(50).And.Unique, "each purchase delivered once");
            Assert.That(list.ExitCode, Is.Zero, list.ToString());
            Assert.That(BackfillTests.SummaryRow(list.Out, "Kit"), Is.EqualTo(new[] { "Kit", "0", "50", "0", "0", "0", "0" }), "the counts, read from PostgreSQL");
            Assert.That(show.ExitCode, Is.Zero, show.ToString());
            Assert.That(show.Out, Does.Contain("O-7"));
            Assert.That(everything, Does.Not.Contain(_cluster!.Password), "the connection string's password");
        });

        // The rows are in PostgreSQL, not in a SQLite file beside the tool.
        await using var store = new NpgsqlConnection(_connectionString);
        await store.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM purchasesdk.deliveries WHERE provider = 'Kit' AND state = 'Succeeded'", store);
        Assert.That(Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(50));
        Assert.That(File.Exists(Cli.PathOf("deliveries.db")), Is.False);
    }

    [Test]
    public async Task Both_stores_configured_is_one_clear_error_and_a_bad_connection_string_never_echoes_the_password()
    {
        Cli.Environment["PurchaseSdk__Delivery__PostgreSql__ConnectionString"] = _connectionString;
        var both = await Cli.RunAsync("deliveries");

        Cli.Environment.Remove("PurchaseSdk__Delivery__Sqlite__ConnectionString");
        Cli.Environment["PurchaseSdk__Delivery__PostgreSql__ConnectionString"] = "Host=127.0.0.1;Password=never-printed-42;Port=not-a-port";
        var bad = await Cli.RunAsync("deliveries");

        Assert.Multiple(() =>
        {
            Assert.That(both.ExitCode, Is.EqualTo(4), both.ToString());
            Assert.That(both.Error, Does.StartWith("error: Both PurchaseSdk:Delivery:Sqlite:ConnectionString and PurchaseSdk:Delivery:PostgreSql:ConnectionString are set"));
            Assert.That(bad.ExitCode, Is.EqualTo(4), bad.ToString());
            Assert.That(bad.Error, Does.StartWith("error: PurchaseSdk:Delivery:PostgreSql:ConnectionString is not a valid PostgreSQL connection string"));
            Assert.That(bad.Out + bad.Error, Does.Not.Contain("never-printed-42"));
        });
    }
}
