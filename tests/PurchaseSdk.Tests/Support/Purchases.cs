namespace PurchaseSdk.Tests.Support;

/// <summary>Purchases built from the seed documents' examples.</summary>
internal static class Purchases
{
    /// <summary>The seed's obfuscated email placeholder, exactly as seed 002 has it (with a no-break space, U+00A0).</summary>
    public const string KitSeedEmail = "[email\u00A0protected]";

    /// <summary>The purchase of Kit's seed example (002): three products, tax, a discount, USD.</summary>
    public static Purchase KitSeed() => new()
    {
        OrderId = "796-92-4892",
        Customer = new Customer { Email = KitSeedEmail },
        Currency = "USD",
        Status = "paid",
        Tax = 7.87m,
        Shipping = 0m,
        Discount = 5m,
        Total = 81.53m,
        OccurredAt = new DateTimeOffset(2023, 2, 17, 11, 43, 55, TimeSpan.Zero),
        Lines =
        [
            new PurchaseLine { Name = "Phantom Hourglass", ProductId = "804-02-4430", LineId = "811-75-7900", Quantity = 1, UnitPrice = 23.22m, Sku = "SM21-SH-M02-RD-S-001" },
            new PurchaseLine { Name = "Twilight Princess", ProductId = "833-51-1151", LineId = "766-49-1241", Quantity = 1, UnitPrice = 32.22m, Sku = "WT21-JK-M03-BK-L-012" },
            new PurchaseLine { Name = "Four Swords", ProductId = "217-99-4325", LineId = "563-95-8878", Quantity = 1, UnitPrice = 23.22m, Sku = "FL21-TS-M01-BL-M-020" },
        ],
    };

    /// <summary>A small valid purchase.</summary>
    public static Purchase Simple(string orderId = "order-1", string email = "buyer@example.com") => new()
    {
        OrderId = orderId,
        Customer = new Customer { Email = email, Name = "Ada Buyer" },
        Currency = "USD",
        OccurredAt = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero),
        Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "765432", Quantity = 1, UnitPrice = 49m }],
    };

    /// <summary>A purchase of <paramref name="lines"/> in <paramref name="currency"/> with <paramref name="contexts"/>, nothing else: for a test about the lines.</summary>
    public static Purchase Of(string orderId, string currency, IReadOnlyList<PurchaseLine> lines, params object[] contexts) =>
        new Purchase { OrderId = orderId, Currency = currency, Lines = lines }.WithContexts(contexts);

    /// <summary>The purchase of Scout's seed example (000): one pair of sneakers, tax and shipping, USD.</summary>
    public static Purchase ScoutSeed() => new()
    {
        OrderId = "123124124",
        Currency = "USD",
        Tax = 15m,
        Shipping = 10m,
        Store = "Kith",
        OccurredAt = DateTimeOffset.FromUnixTimeSeconds(1591086812),
        Lines = [new PurchaseLine { Name = "Nike Air Force 1 Low Off-White", Sku = "CI1173-400", Size = "1", Brand = "Nike", Color = "University Blue", Quantity = 1, UnitPrice = 150m }],
        Contexts = { new PurchaseSdk.Scout.ScoutUserContext(1, "c9e035bef74b804483b7e306 ") },
    };

    /// <summary>A purchase carrying the context of Rundl's seed example (001): account 17357980, service 30798101, product 30798131.</summary>
    public static Purchase RundlSeed()
    {
        var purchase = Simple("rundl-order-1");
        purchase.Contexts.Add(new PurchaseSdk.Rundl.RundlCheckoutContext { AccountId = 17357980, ServiceId = 30798101, ProductId = 30798131 });
        return purchase;
    }

    /// <summary>The purchase of Drip's seed example (003): a canoe from gumroad, 49.00 USD.</summary>
    public static Purchase DripSeed(string email = "john+test@example.com") => new()
    {
        OrderId = "123456",
        Customer = new Customer { Email = email },
        Currency = "USD",
        Source = "gumroad",
        Permalink = "http://myorders.com/orders/123456",
        Properties = new Dictionary<string, string> { ["address"] = "123 Anywhere St" },
        OccurredAt = new DateTimeOffset(2013, 6, 21, 10, 31, 58, TimeSpan.Zero),
        Lines =
        [
            new PurchaseLine
            {
                Name = "Canoe", LineId = "8888888", ProductId = "765432", Sku = "4444", Quantity = 1, UnitPrice = 49m,
                Properties = new Dictionary<string, string> { ["color"] = "black" },
            },
        ],
    };

    /// <summary>A one-line purchase with an Elastic Path account checkout of cart <c>cart-1</c> (seed 004's account).</summary>
    public static Purchase ElasticPathAccount(string orderId = "ep-order-1") => new()
    {
        OrderId = orderId,
        Customer = new Customer { Name = "John Doe", Email = "john@email.com" },
        Currency = "USD",
        OccurredAt = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero),
        Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "765432", Quantity = 1, UnitPrice = 49m }],
        Contexts = { new PurchaseSdk.ElasticPath.ElasticPathCheckoutContext { CartReference = "cart-1", AccountId = "8cee1b9e-3e39-4d5f-bd4a-86cdb985c6ee" } },
    };
}
