using System.Text.Json.Serialization;

namespace PurchaseSdk.Rundl;

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
