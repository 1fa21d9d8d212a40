using Microsoft.Extensions.Logging;

namespace PurchaseSdk.Delivery.PostgreSql;

/// <summary>
/// Source-generated log messages of the PostgreSQL store. They name the database by host, port and database name,
/// never by its connection string, so a password cannot reach a log.
/// </summary>
internal static partial class PostgreSqlStoreLog
{
    [LoggerMessage(301, LogLevel.Information, "Created the PurchaseSdk delivery schema {Schema} (version {Version}) in database {Database} on {Server}")]
    public static partial void SchemaCreated(ILogger logger, string schema, int version, string database, string server);

    [LoggerMessage(302, LogLevel.Debug, "The PurchaseSdk delivery schema {Schema} in database {Database} on {Server} is at version {Version}")]
    public static partial void SchemaReady(ILogger logger, string schema, string database, string server, int version);

    [LoggerMessage(303, LogLevel.Debug, "Listening for due deliveries on channel {Channel} of database {Database} on {Server}")]
    public static partial void Listening(ILogger logger, string channel, string database, string server);

    [LoggerMessage(304, LogLevel.Warning, "The notification connection to database {Database} on {Server} failed ({Error}); reconnecting in {DelayMilliseconds} ms, workers poll meanwhile")]
    public static partial void ListenFailed(ILogger logger, string database, string server, string error, long delayMilliseconds);

    [LoggerMessage(305, LogLevel.Warning, "The connection to database {Database} on {Server} was lost ({Error}); the pool is cleared and the operation runs once more on a new connection")]
    public static partial void ConnectionLost(ILogger logger, string database, string server, string error);

    [LoggerMessage(306, LogLevel.Error, "The PurchaseSdk delivery schema cannot be used: {Problem}")]
    public static partial void SchemaUnusable(ILogger logger, string problem);

    [LoggerMessage(307, LogLevel.Warning, "The PurchaseSdk delivery schema could not be checked at start ({Error}); the worker keeps trying")]
    public static partial void SchemaCheckDeferred(ILogger logger, string error);
}
