namespace PurchaseSdk.Delivery.Sqlite;

/// <summary>Settings of the SQLite delivery store, bound from <c>PurchaseSdk:Delivery:Sqlite</c>.</summary>
public sealed class SqliteDeliveryStoreOptions
{
    /// <summary>
    /// The Microsoft.Data.Sqlite connection string, for example <c>Data Source=purchasesdk.db</c>. Required. The file
    /// is created when missing and switched to WAL mode. Every process that shares the file must run on the same host
    /// (SQLite locks do not work over network file systems).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a command waits for another writer's lock before failing. Default 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The prefix of the store's table names (<c>purchasesdk_</c>: <c>purchasesdk_orders</c>, <c>purchasesdk_deliveries</c>,
    /// <c>purchasesdk_attempts</c>), so the tables can live in the application's own database file. Letters, digits and
    /// underscores only.
    /// </summary>
    public string TablePrefix { get; set; } = "purchasesdk_";
}
