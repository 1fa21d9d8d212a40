using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurchaseSdk.Drip;

/// <summary>An item of a <see cref="DripOrderActivity"/>. Amounts are decimals in major units.</summary>
public sealed class DripOrderActivityItem
{
    /// <summary>Your product id (used by Drip's segmentation).</summary>
    [JsonPropertyName("product_id")]
    public string? ProductId { get; init; }

    /// <summary>Your id of the product variant.</summary>
    [JsonPropertyName("product_variant_id")]
    public string? ProductVariantId { get; init; }

    /// <summary>The SKU.</summary>
    [JsonPropertyName("sku")]
    public string? Sku { get; init; }

    /// <summary>The product name. Required.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The brand, vendor or manufacturer.</summary>
    [JsonPropertyName("brand")]
    public string? Brand { get; init; }

    /// <summary>The product's categories.</summary>
    [JsonPropertyName("categories")]
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>The price of one unit.</summary>
    [JsonPropertyName("price")]
    public decimal? Price { get; init; }

    /// <summary>The sale price of one unit.</summary>
    [JsonPropertyName("sale_price")]
    public decimal? SalePrice { get; init; }

    /// <summary>The quantity (Drip defaults it to 1).</summary>
    [JsonPropertyName("quantity")]
    public long? Quantity { get; init; }

    /// <summary>The discounts on the line, for its whole quantity.</summary>
    [JsonPropertyName("discounts")]
    public decimal? Discounts { get; init; }

    /// <summary>The taxes on the line, for its whole quantity.</summary>
    [JsonPropertyName("taxes")]
    public decimal? Taxes { get; init; }

    /// <summary>The fees on the line, for its whole quantity.</summary>
    [JsonPropertyName("fees")]
    public decimal? Fees { get; init; }

    /// <summary>The shipping of the line, for its whole quantity.</summary>
    [JsonPropertyName("shipping")]
    public decimal? Shipping { get; init; }

    /// <summary>The line total after quantity, discounts, taxes, fees and shipping.</summary>
    [JsonPropertyName("total")]
    public decimal? Total { get; init; }

    /// <summary>A URL of the product page.</summary>
    [JsonPropertyName("product_url")]
    public string? ProductUrl { get; init; }

    /// <summary>A URL of the product image.</summary>
    [JsonPropertyName("image_url")]
    public string? ImageUrl { get; init; }

    /// <summary>Custom attributes of the item, sent as further members (for example <c>product_tag</c>).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? CustomAttributes { get; set; }
}
