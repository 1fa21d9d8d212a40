namespace PurchaseSdk.Delivery.PostgreSql;

/// <summary>The store's schema cannot be used by this code (newer, missing while it may not be created, a reserved name): not a passing failure.</summary>
internal sealed class PostgreSqlSchemaException : InvalidOperationException
{
    public PostgreSqlSchemaException(string message)
        : base(message)
    {
    }
}
