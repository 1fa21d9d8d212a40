using PurchaseSdk.Mapping;

namespace PurchaseSdk.Drip;

/// <summary>
/// Maps a purchase to Drip's create body (https://github.com/DripEmail/api-docs (Purchases, removed in 2018; source/includes/_purchases.md)): <c>amount</c> is the purchase total in minor units (cents), each
/// item's <c>amount</c> its line total, <c>provider</c> the purchase's <see cref="Purchase.Source"/>, and the order
/// and line properties carried over. Drip's purchase has no currency field.
/// </summary>
internal static class DripPurchaseMapper
{
    public static DripPurchases Map(Purchase purchase)
    {
        var currency = purchase.Currency;
        var items = PurchaseLines.Map(purchase, currency, static (line, _, currency) => new DripPurchaseItem
        {
            Id = line.LineId,
            ProductId = line.ProductId,
            Sku = line.Sku,
            Amount = Currencies.ToMinorUnits(line.LineTotal, currency),
            Name = line.Name,
            Quantity = line.Quantity,
            Properties = line.Properties.Count == 0 ? null : line.Properties,
        });

        return new DripPurchases
        {
            Purchases =
            [
                new DripPurchase
                {
                    Provider = purchase.Source,
                    OrderId = purchase.OrderId,
                    Amount = Currencies.ToMinorUnits(purchase.Total, currency),
                    Permalink = purchase.Permalink,
                    Properties = purchase.Properties.Count == 0 ? null : purchase.Properties,
                    OccurredAt = purchase.OccurredAt,
                    Items = items,
                },
            ],
        };
    }
}
