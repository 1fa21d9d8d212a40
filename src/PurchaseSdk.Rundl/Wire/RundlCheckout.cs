using System.Text.Json.Serialization;

namespace PurchaseSdk.Rundl;

/// <summary>
/// A Rundl checkout, as <c>POST /checkouts</c> returns it (https://github.com/Rundl/slate/blob/master/source/includes/_checkouts.md, "The checkout object"). Money fields are
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
