namespace PurchaseSdk.Delivery.PostgreSql;

/// <summary>Settings of the PostgreSQL delivery store, bound from <c>PurchaseSdk:Delivery:PostgreSql</c>.</summary>
public sealed class PostgreSqlDeliveryStoreOptions
{
    /// <summary>The default <see cref="Schema"/>: <c>purchasesdk</c>.</summary>
    public const string DefaultSchema = "purchasesdk";

    /// <summary>
    /// The Npgsql connection string, for example <c>Host=db;Database=shop;Username=shop;Password=...</c>. When it is not
    /// set, the store uses the <c>NpgsqlDataSource</c> registered in the application's services (for example by
    /// <c>AddNpgsqlDataSource</c>). Its password never appears in the store's logs, exceptions or telemetry.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The PostgreSQL schema of the store's tables (<c>orders</c>, <c>deliveries</c>, <c>attempts</c>,
    /// <c>schema_version</c>), so they can live in the application's own database. Lower-case letters, digits and
    /// underscores, starting with a letter or underscore, at most 40 characters; not a reserved word. Default
    /// <c>purchasesdk</c>.
    /// </summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>
    /// Whether the store creates (or upgrades) its schema at start, under an advisory lock so that instances starting
    /// together create it once. Default true. Set false when a DBA applies the packaged SQL script
    /// (<c>sql/purchasesdk-delivery-postgresql.sql</c>, or <see cref="PostgreSqlDeliveryStore.GetSchemaScript"/>);
    /// the store then only checks the schema's version at start.
    /// </summary>
    public bool AutoCreateSchema { get; set; } = true;

    /// <summary>
    /// Whether an enqueue (and a re-drive, a re-send, a delivery given back) sends a PostgreSQL notification
    /// (<c>NOTIFY</c>), and every worker listens (<c>LISTEN</c>, one connection per instance), so idle workers of every
    /// instance start at once instead of at their next poll. Default true. Set false behind a connection pooler in
    /// transaction mode (PgBouncer), which cannot hold a listening session; workers then find new deliveries by polling
    /// (<c>PurchaseSdk:Delivery:PollInterval</c>).
    /// </summary>
    public bool Notifications { get; set; } = true;
}
