using System.Text.Json.Serialization;

namespace PurchaseSdk.Rundl;

/// <summary>
/// A Rundl checkout, as <c>POST /checkouts</c> returns it (seed 001, "The checkout object"). Money fields are
/// documented as strings but arrive as numbers; both are read.
/// </summary>
public sealed class RundlCheckout
{
    /// <summary>The checkout id.</summary>
    [JsonPropertyName("id")]
    public long? Id { get; init; }

    /// <summary>Always <c>checkout</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>The seller's account.</summary>
    [JsonPropertyName("seller")]
    public RundlGid? Seller { get; init; }

    /// <summary>The buyer's account.</summary>
    [JsonPropertyName("buyer")]
    public RundlGid? Buyer { get; init; }

    /// <summary>The order state (documented as a string, sent as a number in the example).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>The product order created later in the purchase flow.</summary>
    [JsonPropertyName("product_order")]
    public long? ProductOrder { get; init; }

    /// <summary>The checkout items.</summary>
    [JsonPropertyName("items")]
    public IReadOnlyList<RundlCheckoutItem>? Items { get; init; }

    /// <summary>The total price of the items.</summary>
    [JsonPropertyName("items_total_price")]
    public decimal? ItemsTotalPrice { get; init; }

    /// <summary>The total tax.</summary>
    [JsonPropertyName("total_tax")]
    public decimal? TotalTax { get; init; }

    /// <summary>The total price including tax.</summary>
    [JsonPropertyName("total_price")]
    public decimal? TotalPrice { get; init; }

    /// <summary>The ISO 4217 currency code.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    /// <summary><c>credit_card</c> and/or <c>manual</c>.</summary>
    [JsonPropertyName("payment_account_types")]
    public IReadOnlyList<string>? PaymentAccountTypes { get; init; }

    /// <summary>The security token of a credit-card checkout.</summary>
    [JsonPropertyName("payment_token")]
    public string? PaymentToken { get; init; }

    /// <summary>The related entity being purchased.</summary>
    [JsonPropertyName("related")]
    public long? Related { get; init; }

    /// <summary>The service of the checkout.</summary>
    [JsonPropertyName("service")]
    public long? Service { get; init; }

    /// <summary>The rundl of the checkout.</summary>
    [JsonPropertyName("rundl")]
    public long? Rundl { get; init; }

    /// <summary>When the checkout was created (<c>/Date(…)/</c> on the wire).</summary>
    [JsonPropertyName("created_date")]
    [JsonConverter(typeof(RundlDateConverter))]
    public DateTimeOffset? CreatedDate { get; init; }
}

/// <summary>A Rundl gid object: an account reference.</summary>
public sealed class RundlGid
{
    /// <summary>The account id.</summary>
    [JsonPropertyName("id")]
    public long? Id { get; init; }

    /// <summary>The global type of the entity.</summary>
    [JsonPropertyName("global_type")]
    public long? GlobalType { get; init; }

    /// <summary>The account name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}

/// <summary>A checkout item: a product and its quantity (and, in answers, its amounts and tax).</summary>
public sealed class RundlCheckoutItem
{
    /// <summary>The product.</summary>
    [JsonPropertyName("product")]
    public RundlProduct? Product { get; init; }

    /// <summary>The quantity (documented as a string, sent as a number).</summary>
    [JsonPropertyName("quantity")]
    public long? Quantity { get; init; }

    /// <summary>The amount of the item.</summary>
    [JsonPropertyName("amount")]
    public decimal? Amount { get; init; }

    /// <summary>The tax that applies.</summary>
    [JsonPropertyName("tax_id")]
    public long? TaxId { get; init; }

    /// <summary>The tax amount.</summary>
    [JsonPropertyName("tax_amount")]
    public decimal? TaxAmount { get; init; }

    /// <summary>The tax status (an integer in the example, though documented otherwise).</summary>
    [JsonPropertyName("tax_status")]
    public long? TaxStatus { get; init; }

    /// <summary>The tax lines.</summary>
    [JsonPropertyName("tax_lines")]
    public IReadOnlyList<RundlTaxLine>? TaxLines { get; init; }

    /// <summary>Undocumented (a list per the table, null in the example); kept as raw JSON.</summary>
    [JsonPropertyName("reference")]
    public System.Text.Json.JsonElement? Reference { get; init; }

    /// <summary>Undocumented (an integer per the table, null in the example); kept as raw JSON.</summary>
    [JsonPropertyName("data")]
    public System.Text.Json.JsonElement? Data { get; init; }
}

/// <summary>A Rundl product.</summary>
public sealed class RundlProduct
{
    /// <summary>The product id.</summary>
    [JsonPropertyName("id")]
    public long? Id { get; init; }

    /// <summary>Always <c>product</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>The product name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The product price.</summary>
    [JsonPropertyName("price")]
    public decimal? Price { get; init; }

    /// <summary>The ISO 4217 currency code.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }
}

/// <summary>A tax line of a checkout item.</summary>
public sealed class RundlTaxLine
{
    /// <summary>The tax rate, as a percentage.</summary>
    [JsonPropertyName("amount")]
    public decimal? Amount { get; init; }

    /// <summary>The tax name, such as <c>GST</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}
