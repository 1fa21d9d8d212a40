using System.Globalization;
using PurchaseSdk.Money;

namespace PurchaseSdk.Scout;

/// <summary>
/// Maps a <see cref="Purchase"/> to Scout checkouts (https://github.com/TrantonLLC/slate/blob/master/source/includes/_checkouts.md): Scout stores items in a user's inventory, so every
/// purchased <b>unit</b> becomes one checkout (a line with quantity 2 posts two).
/// </summary>
/// <remarks>
/// <para>Each checkout's <c>purchase_price</c> is the unit price in cents. The order-level tax is spread across
/// the units in proportion to their prices, and the shipping evenly across the units; both splits use the
/// largest-remainder method (<see cref="MinorUnitAllocation"/>), so the checkouts' taxes add up exactly to the
/// purchase's tax and their shipping to its shipping. Scout has no discount field: the order discount is not sent.</para>
/// <para><c>checkout_time</c> is <see cref="Purchase.OccurredAt"/> in epoch seconds, <c>size</c> is <c>OS</c> when a
/// line has none, the currency is lower-case, and the user's access token is trimmed.</para>
/// </remarks>
internal static class ScoutCheckoutMapper
{
    /// <summary>Builds the checkouts, or says why Scout cannot take this purchase.</summary>
    public static (IReadOnlyList<ScoutCheckout>? Checkouts, string? SkipReason) Map(Purchase purchase, ScoutUserContext user, int maxCheckouts)
    {
        var currency = purchase.Currency.ToLowerInvariant();
        if (!ScoutOptions.AcceptedCurrencies.Contains(currency))
        {
            return (null, $"Scout accepts only {string.Join(", ", ScoutOptions.AcceptedCurrencies)}; this purchase is in {purchase.Currency.ToUpperInvariant()}.");
        }

        var token = user.AccessToken?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            return (null, "Scout needs the user's access token: ScoutUserContext.AccessToken is empty.");
        }

        long units = 0;
        foreach (var line in purchase.Lines)
        {
            units += line.Quantity;
        }

        if (units > maxCheckouts)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"Scout takes one checkout per unit and this purchase has {units} units, more than PurchaseSdk:Scout:MaxCheckoutsPerPurchase ({maxCheckouts}); nothing was posted."));
        }

        var unitLines = new PurchaseLine[units];
        var unitPrices = new long[units];
        var evenly = new long[units];
        var index = 0;
        foreach (var line in purchase.Lines)
        {
            var price = Currencies.ToMinorUnits(line.UnitPrice, currency);
            for (var q = 0; q < line.Quantity; q++)
            {
                unitLines[index] = line;
                unitPrices[index] = price;
                evenly[index] = 1;
                index++;
            }
        }

        var taxes = MinorUnitAllocation.Allocate(Currencies.ToMinorUnits(purchase.Tax, currency), unitPrices);
        var shipping = MinorUnitAllocation.Allocate(Currencies.ToMinorUnits(purchase.Shipping, currency), evenly);
        var checkoutTime = purchase.OccurredAt!.Value.ToUnixTimeSeconds();

        var checkouts = new ScoutCheckout[units];
        for (var i = 0; i < units; i++)
        {
            var line = unitLines[i];
            checkouts[i] = new ScoutCheckout
            {
                OrderId = purchase.OrderId,
                PurchaseCurrency = currency,
                PurchasePrice = unitPrices[i],
                Tax = taxes[i],
                ShippingPrice = shipping[i],
                Name = line.Name,
                Sku = line.Sku,
                Size = string.IsNullOrWhiteSpace(line.Size) ? "OS" : line.Size,
                Brand = line.Brand,
                Color = line.Color,
                Store = purchase.Store,
                UserId = user.UserId,
                AccessToken = token,
                CheckoutTime = checkoutTime,
            };
        }

        return (checkouts, null);
    }
}
