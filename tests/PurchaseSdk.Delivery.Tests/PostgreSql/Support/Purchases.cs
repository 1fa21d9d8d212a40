namespace PurchaseSdk.Delivery.Tests.PostgreSql.Support;

/// <summary>Purchases for tests that count what each provider stored.</summary>
internal static class Purchases
{
    /// <summary>One unit of one product, so that every provider stores exactly one record per purchase (Scout stores one per unit).</summary>
    public static Purchase OneUnit(string orderId, IEnumerable<object> contexts)
    {
        return new Purchase
        {
            OrderId = orderId,
            Customer = new Customer { Email = "ada@example.com", Name = "Ada Lovelace" },
            Currency = "USD",
            Source = "postgresql-tests",
            Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "765432", Quantity = 1, UnitPrice = 49m }],
        }.WithContexts(contexts);
    }
}
