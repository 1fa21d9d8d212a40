using Npgsql;

namespace PurchaseSdk.Delivery.Tests.PostgreSql;

/// <summary>
/// One PostgreSQL server for every test in this namespace: a throw-away cluster started here (or the server that
/// <c>PURCHASESDK_TEST_POSTGRES</c> names), each test or fixture in a fresh database of its own. When no server can be
/// started, these tests fail under <c>CI=true</c> with the reason, and are ignored with the reason elsewhere.
/// </summary>
[SetUpFixture]
public sealed class PostgreSqlServer
{
    private static PostgresCluster? s_cluster;
    private static string? s_adminConnectionString;
    private static NpgsqlDataSource? s_admin;

    /// <summary>The cluster this run started, or null when it uses an external server.</summary>
    internal static PostgresCluster? Cluster => s_cluster;

    /// <summary>A connection string to the server's <c>postgres</c> database, as a user who may create databases.</summary>
    internal static string AdminConnectionString => s_adminConnectionString ?? throw new InvalidOperationException("The PostgreSQL server was not started.");

    internal static NpgsqlDataSource Admin => s_admin ?? throw new InvalidOperationException("The PostgreSQL server was not started.");

    /// <summary>The connection string of <paramref name="database"/> on the server.</summary>
    internal static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        try
        {
            if (Environment.GetEnvironmentVariable("PURCHASESDK_TEST_POSTGRES") is { Length: > 0 } external)
            {
                s_adminConnectionString = external;
            }
            else
            {
                s_cluster = await PostgresCluster.StartNewAsync();
                s_adminConnectionString = s_cluster.ConnectionString();
            }

            s_admin = NpgsqlDataSource.Create(s_adminConnectionString);
            await using var command = s_admin.CreateCommand("SELECT version()");
            TestContext.Progress.WriteLine($"PostgreSQL for the delivery tests: {await command.ExecuteScalarAsync()}" + (s_cluster is null ? " (external)" : $" on port {s_cluster.Port}, pid {s_cluster.Pid}"));
        }
        catch (Exception exception) when (exception is InvalidOperationException or NpgsqlException or IOException or System.ComponentModel.Win32Exception)
        {
            var why = "The PostgreSQL tests need a server and none could be started: " + exception.Message;
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(why);
            }

            Assert.Ignore(why);
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (s_admin is not null)
        {
            await s_admin.DisposeAsync();
            s_admin = null;
        }

        NpgsqlConnection.ClearAllPools();
        if (s_cluster is not null)
        {
            await s_cluster.DisposeAsync();
            s_cluster = null;
        }
    }
}
