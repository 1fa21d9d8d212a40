using System.Globalization;
using PurchaseSdk.Mapping;

namespace PurchaseSdk.Kit;

/// <summary>
/// Maps a <see cref="Purchase"/> to Kit's create-purchase body (https://developers.kit.com/api-reference/purchases/create-a-purchase): amounts in decimal major units as given,
/// the time in ISO 8601 UTC, one product per line.
/// </summary>
internal static class KitPurchaseMapper
{
    /// <summary>Builds the body. The purchase is valid and has a customer email and an <see cref="Purchase.OccurredAt"/>.</summary>
    /// <remarks>
    /// <c>pid</c> is the line's <see cref="PurchaseLine.ProductId"/>, else its SKU, else its name; <c>lid</c> is its
    /// <see cref="PurchaseLine.LineId"/>, else its 1-based position in the purchase.
    /// </remarks>
    public static KitPurchaseEnvelope Map(Purchase purchase, string defaultStatus)
    {
        var products = PurchaseLines.Map(purchase, static (line, i) => new KitProduct
        {
            Name = line.Name,
            ProductId = line.ProductId ?? line.Sku ?? line.Name,
            LineId = line.LineId ?? (i + 1).ToString(CultureInfo.InvariantCulture),
            Quantity = line.Quantity,
            UnitPrice = line.UnitPrice,
            Sku = line.Sku,
        });

        return new KitPurchaseEnvelope
        {
            Purchase = new KitPurchase
            {
                EmailAddress = purchase.Customer?.Email?.Trim(),
                TransactionId = purchase.OrderId,
                Status = purchase.Status ?? defaultStatus,
                Subtotal = purchase.Subtotal,
                Tax = purchase.Tax,
                Shipping = purchase.Shipping,
                Discount = purchase.Discount,
                Total = purchase.Total,
                Currency = purchase.Currency.ToUpperInvariant(),
                TransactionTime = purchase.OccurredAt,
                Products = products,
            },
        };
    }
}
