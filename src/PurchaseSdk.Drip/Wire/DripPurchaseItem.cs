using System.Text.Json.Serialization;

namespace PurchaseSdk.Drip;

/// <summary>An item of a <see cref="DripPurchase"/>.</summary>
public sealed class DripPurchaseItem
{
    /// <summary>Your id of the line.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Your product id.</summary>
    [JsonPropertyName("product_id")]
    public string? ProductId { get; init; }

    /// <summary>The SKU.</summary>
    [JsonPropertyName("sku")]
    public string? Sku { get; init; }

    /// <summary>The <b>line total</b> in cents. Required.</summary>
    [JsonPropertyName("amount")]
    public long? Amount { get; init; }

    /// <summary>The product name. Required.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The quantity (Drip defaults it to 1).</summary>
    [JsonPropertyName("quantity")]
    public long? Quantity { get; init; }

    /// <summary>Properties of the line.</summary>
    [JsonPropertyName("properties")]
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
