using System.Collections.ObjectModel;

namespace PurchaseSdk.TestSupport;

/// <summary>The orders the delivery tests enqueue: Ada Lovelace buys canoes (and what else a test adds) in US dollars.</summary>
internal static class CanoeOrders
{
    /// <summary><paramref name="quantity"/> canoes (SKU 4444, product 765432) at <paramref name="unitPrice"/> each.</summary>
    public static PurchaseLine Line(int quantity, decimal unitPrice) =>
        new() { Name = "Canoe", Sku = "4444", ProductId = "765432", Quantity = quantity, UnitPrice = unitPrice };

    /// <summary>Ada's order <paramref name="orderId"/> from <paramref name="source"/>, with <paramref name="contexts"/> added.</summary>
    public static Purchase Order(
        string orderId,
        IEnumerable<object> contexts,
        string source,
        IReadOnlyList<PurchaseLine> lines,
        decimal tax = 0m,
        decimal discount = 0m,
        IReadOnlyDictionary<string, string>? properties = null) =>
        new Purchase
        {
            OrderId = orderId,
            Customer = new Customer { Email = "ada@example.com", Name = "Ada Lovelace" },
            Currency = "USD",
            Source = source,
            Lines = lines,
            Tax = tax,
            Discount = discount,
            Properties = properties ?? ReadOnlyDictionary<string, string>.Empty,
        }.WithContexts(contexts);
}
