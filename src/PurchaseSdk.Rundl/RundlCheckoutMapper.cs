using System.Globalization;

namespace PurchaseSdk.Rundl;

/// <summary>
/// Maps a purchase to Rundl's create-checkout body (https://github.com/Rundl/slate/blob/master/source/includes/_checkouts.md): the service and the Rundl products bought. Rundl
/// prices checkouts from its own products, so no amount is sent.
/// </summary>
internal static class RundlCheckoutMapper
{
    public static (RundlCreateCheckoutRequest? Request, string? SkipReason) Map(Purchase purchase, RundlCheckoutContext context)
    {
        RundlCheckoutItem[] items;
        if (context.ProductId is { } wholePurchase)
        {
            items = [Item(wholePurchase, 1)];
        }
        else if (context.LineProductIds is { } perLine)
        {
            if (perLine.Count != purchase.Lines.Count)
            {
                return (null, string.Create(CultureInfo.InvariantCulture, $"RundlCheckoutContext.LineProductIds has {perLine.Count} product(s) but the purchase has {purchase.Lines.Count} line(s)."));
            }

            items = new RundlCheckoutItem[perLine.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Item(perLine[i], purchase.Lines[i].Quantity);
            }
        }
        else
        {
            return (null, "Rundl needs the Rundl product of the purchase: set RundlCheckoutContext.ProductId or LineProductIds.");
        }

        return (new RundlCreateCheckoutRequest
        {
            Checkout = new RundlNewCheckout
            {
                Service = context.ServiceId,
                PaymentToken = context.PaymentToken,
                Items = items,
            },
        }, null);
    }

    private static RundlCheckoutItem Item(long productId, long quantity) => new()
    {
        Product = new RundlProduct { Id = productId },
        Quantity = quantity,
    };
}
