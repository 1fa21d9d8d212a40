using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>An order item.</summary>
public sealed class ElasticPathOrderItem
{
    /// <summary>The item id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Always <c>order_item</c> or <c>item</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The product id.</summary>
    [JsonPropertyName("product_id")]
    public string? ProductId { get; init; }

    /// <summary>The product name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The SKU.</summary>
    [JsonPropertyName("sku")]
    public string? Sku { get; init; }

    /// <summary>The quantity.</summary>
    [JsonPropertyName("quantity")]
    public long? Quantity { get; init; }

    /// <summary>The price of one unit.</summary>
    [JsonPropertyName("unit_price")]
    public ElasticPathPrice? UnitPrice { get; init; }

    /// <summary>The price of the line.</summary>
    [JsonPropertyName("value")]
    public ElasticPathPrice? Value { get; init; }

    /// <summary>The item's display prices and other metadata, as raw JSON.</summary>
    [JsonPropertyName("meta")]
    public JsonElement? Meta { get; init; }
}
