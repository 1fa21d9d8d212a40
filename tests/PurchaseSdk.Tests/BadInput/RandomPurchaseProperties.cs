using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using PurchaseSdk.Drip;
using PurchaseSdk.Kit;
using PurchaseSdk.Scout;

namespace PurchaseSdk.Tests.BadInput;

/// <summary>
/// Random purchases, valid and not: validation either accepts and every provider's body carries the amounts
/// exactly, or rejects with field paths; it never throws anything else.
/// </summary>
public sealed class RandomPurchaseProperties
{
    private static readonly string[] OddCurrencies = ["XYZ", "", "usd", "US", "XAU"];

    private static Gen<decimal> Amount() =>
        from minor in Gen.Choose(-5, 2_000_000)
        from scale in Gen.Choose(0, 5)
        from huge in Gen.Frequency((20, Gen.Constant(false)), (1, Gen.Constant(true)))
        select huge ? decimal.MaxValue / 3 : minor / (decimal)Math.Pow(10, scale);

    private static Gen<PurchaseLine> Line() =>
        from name in Gen.Elements("Canoe", "", "Paddle \"pro\"", "🙂")
        from quantity in Gen.Frequency((10, Gen.Choose(1, 4)), (1, Gen.Choose(-2, 0)))
        from price in Amount()
        select new PurchaseLine { Name = name, Quantity = quantity, UnitPrice = price, Sku = "SKU-" + quantity, ProductId = "P" + quantity };

    private static Gen<Purchase> Purchases() =>
        from currency in Gen.Frequency((6, Gen.Elements(Currencies.Codes.ToArray())), (1, Gen.Elements(OddCurrencies)))
        from lineCount in Gen.Choose(0, 4)
        from lines in Line().ArrayOf(lineCount)
        from tax in Amount()
        from shipping in Amount()
        from discount in Gen.Frequency((4, Gen.Constant(0m)), (1, Amount()))
        from orderId in Gen.Elements("order-1", "", " ")
        from giveTotal in Gen.Elements(false, false, true)
        from total in Amount()
        select giveTotal
            ? new Purchase { OrderId = orderId, Currency = currency, Lines = lines, Tax = tax, Shipping = shipping, Discount = discount, Total = total, Customer = new Customer { Email = "a@example.com", Name = "A" }, OccurredAt = DateTimeOffset.UnixEpoch }
            : new Purchase { OrderId = orderId, Currency = currency, Lines = lines, Tax = tax, Shipping = shipping, Discount = discount, Customer = new Customer { Email = "a@example.com", Name = "A" }, OccurredAt = DateTimeOffset.UnixEpoch };

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property Validation_accepts_with_exact_amounts_everywhere_or_rejects_with_paths() =>
        Prop.ForAll(Purchases().ToArbitrary(), purchase =>
        {
            var errors = PurchaseValidator.Validate(purchase);
            if (errors.Count > 0)
            {
                return errors.All(e => !string.IsNullOrWhiteSpace(e.Path) && !string.IsNullOrWhiteSpace(e.Message));
            }

            return KitCarriesTheAmounts(purchase) && DripCarriesTheAmounts(purchase) && ScoutCarriesTheAmounts(purchase);
        });

    private static decimal Number(JsonNode? node) => decimal.Parse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool KitCarriesTheAmounts(Purchase purchase)
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(KitPurchaseMapper.Map(purchase, "paid"), KitJsonContext.Default.KitPurchaseEnvelope))!["purchase"]!;
        var products = json["products"]!.AsArray();
        return Number(json["subtotal"]) == purchase.Subtotal
            && Number(json["tax"]) == purchase.Tax
            && Number(json["shipping"]) == purchase.Shipping
            && Number(json["discount"]) == purchase.Discount
            && Number(json["total"]) == purchase.Total
            && products.Select((p, i) => Number(p!["unit_price"]) == purchase.Lines[i].UnitPrice).All(static same => same);
    }

    private static bool DripCarriesTheAmounts(Purchase purchase)
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(DripPurchaseMapper.Map(purchase), DripJsonContext.Default.DripPurchases))!["purchases"]![0]!;
        var items = json["items"]!.AsArray();
        return Number(json["amount"]) == Currencies.ToMinorUnits(purchase.Total, purchase.Currency)
            && items.Select((item, i) => Number(item!["amount"]) == Currencies.ToMinorUnits(purchase.Lines[i].LineTotal, purchase.Currency)).All(static same => same);
    }

    private static bool ScoutCarriesTheAmounts(Purchase purchase)
    {
        var (checkouts, skipped) = ScoutCheckoutMapper.Map(purchase, new ScoutUserContext(1, "token"), maxCheckouts: 1000);
        if (checkouts is null)
        {
            // Scout takes ten currencies; anything else is a skip with a reason, never an exception.
            return skipped is not null;
        }

        var expectedUnits = purchase.Lines.Sum(static l => (long)l.Quantity);
        var json = checkouts.Select(c => JsonNode.Parse(JsonSerializer.Serialize(c, ScoutJsonContext.Default.ScoutCheckout))!).ToList();
        return json.Count == expectedUnits
            && json.Sum(c => Number(c["purchase_price"])) == purchase.Lines.Sum(l => Currencies.ToMinorUnits(l.UnitPrice, purchase.Currency) * l.Quantity)
            && json.Sum(c => Number(c["tax"])) == Currencies.ToMinorUnits(purchase.Tax, purchase.Currency)
            && json.Sum(c => Number(c["shipping_price"])) == Currencies.ToMinorUnits(purchase.Shipping, purchase.Currency);
    }
}
