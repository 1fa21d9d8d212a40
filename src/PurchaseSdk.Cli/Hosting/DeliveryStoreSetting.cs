using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PurchaseSdk.Cli.Hosting;

/// <summary>
/// The delivery store the application uses, read from the same keys: <c>PurchaseSdk:Delivery:Sqlite:ConnectionString</c>
/// or <c>PurchaseSdk:Delivery:PostgreSql:ConnectionString</c> (exactly one of them).
/// </summary>
internal sealed class DeliveryStoreSetting
{
    private const string SqliteKey = "PurchaseSdk:Delivery:Sqlite:ConnectionString";
    private const string PostgreSqlKey = "PurchaseSdk:Delivery:PostgreSql:ConnectionString";

    private DeliveryStoreSetting(bool postgreSql, string connectionString)
    {
        IsPostgreSql = postgreSql;
        ConnectionString = connectionString;
    }

    /// <summary>True for the PostgreSQL store, false for SQLite.</summary>
    public bool IsPostgreSql { get; }

    /// <summary>The store's connection string (a relative SQLite file resolved against the working folder).</summary>
    public string ConnectionString { get; }

    /// <summary>A new, unopened connection to the store, for enqueueing a batch in one transaction.</summary>
    public DbConnection CreateConnection() => IsPostgreSql ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    /// <summary>Chooses this store for the tool's delivery services.</summary>
    public IPurchaseDeliveryBuilder Use(IPurchaseDeliveryBuilder delivery) =>
        IsPostgreSql ? delivery.UsePostgreSql(ConnectionString) : delivery.UseSqlite(ConnectionString);

    /// <summary>Closes pooled connections so nothing holds the store after the command.</summary>
    public void ClearPools()
    {
        if (IsPostgreSql)
        {
            NpgsqlConnection.ClearAllPools();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }

    public static DeliveryStoreSetting Read(IConfiguration configuration, CliContext context)
    {
        var sqlite = configuration[SqliteKey];
        var postgres = configuration[PostgreSqlKey];
        var hasSqlite = !string.IsNullOrWhiteSpace(sqlite);
        var hasPostgres = !string.IsNullOrWhiteSpace(postgres);
        if (hasSqlite && hasPostgres)
        {
            throw new CliException(ExitCodes.Configuration, $"Both {SqliteKey} and {PostgreSqlKey} are set: configure the one store your application uses.");
        }

        if (hasPostgres)
        {
            return new DeliveryStoreSetting(postgreSql: true, PostgreSql(postgres!));
        }

        if (hasSqlite)
        {
            return new DeliveryStoreSetting(postgreSql: false, Sqlite(sqlite!, context));
        }

        throw new CliException(
            ExitCodes.Configuration,
            $"No delivery store is configured: set {SqliteKey} (for example \"Data Source=purchasesdk.db\") or {PostgreSqlKey}, as your application does.");
    }

    private static string PostgreSql(string value)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(value).ConnectionString;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's message may quote the value, password included: name the key only.
            throw new CliException(ExitCodes.Configuration, $"{PostgreSqlKey} is not a valid PostgreSQL connection string ({exception.GetType().Name}).");
        }
    }

    private static string Sqlite(string value, CliContext context)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(value);
        }
        catch (ArgumentException exception)
        {
            throw new CliException(ExitCodes.Configuration, $"{SqliteKey} is not a valid SQLite connection string: {exception.Message}");
        }

        // A relative file is relative to the folder the tool runs in, as the user sees it.
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(file))
        {
            builder.DataSource = context.FullPath(file);
        }

        return builder.ToString();
    }
}
