namespace PurchaseSdk.Delivery.Tests.PostgreSql.Support;

/// <summary>Purchases for tests that count what each provider stored.</summary>
internal static class Purchases
{
    /// <summary>One unit of one product, so that every provider stores exactly one record per purchase (Scout stores one per unit).</summary>
    public static Purchase OneUnit(string orderId, IEnumerable<object> contexts) =>
        CanoeOrders.Order(orderId, contexts, "postgresql-tests", [CanoeOrders.Line(1, 49m)]);
}
