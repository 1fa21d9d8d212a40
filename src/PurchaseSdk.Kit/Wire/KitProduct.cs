using System.Text.Json.Serialization;

namespace PurchaseSdk.Kit;

/// <summary>One product of a <see cref="KitPurchase"/> (Kit creates the product if it does not exist).</summary>
public sealed class KitProduct
{
    /// <summary>The product name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Your product id: unique within the purchase, the same for variants of one product.</summary>
    [JsonPropertyName("pid")]
    public string? ProductId { get; init; }

    /// <summary>Your line item id, unique within the purchase.</summary>
    [JsonPropertyName("lid")]
    public string? LineId { get; init; }

    /// <summary>How many were bought.</summary>
    [JsonPropertyName("quantity")]
    public int? Quantity { get; init; }

    /// <summary>The price of one unit, in major units.</summary>
    [JsonPropertyName("unit_price")]
    public decimal? UnitPrice { get; init; }

    /// <summary>The SKU.</summary>
    [JsonPropertyName("sku")]
    public string? Sku { get; init; }
}
