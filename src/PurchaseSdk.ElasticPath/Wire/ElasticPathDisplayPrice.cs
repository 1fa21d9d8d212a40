using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>Prices of an order or cart; each in minor units with its currency and formatted text.</summary>
public sealed class ElasticPathDisplayPrice
{
    /// <summary>Total with tax.</summary>
    [JsonPropertyName("with_tax")]
    public ElasticPathPrice? WithTax { get; init; }

    /// <summary>Total without tax.</summary>
    [JsonPropertyName("without_tax")]
    public ElasticPathPrice? WithoutTax { get; init; }

    /// <summary>Tax.</summary>
    [JsonPropertyName("tax")]
    public ElasticPathPrice? Tax { get; init; }

    /// <summary>Discount.</summary>
    [JsonPropertyName("discount")]
    public ElasticPathPrice? Discount { get; init; }

    /// <summary>Total before discounts (carts).</summary>
    [JsonPropertyName("without_discount")]
    public ElasticPathPrice? WithoutDiscount { get; init; }

    /// <summary>Shipping.</summary>
    [JsonPropertyName("shipping")]
    public ElasticPathPrice? Shipping { get; init; }

    /// <summary>Amount paid (orders).</summary>
    [JsonPropertyName("paid")]
    public ElasticPathPrice? Paid { get; init; }

    /// <summary>Amount authorized (orders).</summary>
    [JsonPropertyName("authorized")]
    public ElasticPathPrice? Authorized { get; init; }

    /// <summary>Amount still owed (orders).</summary>
    [JsonPropertyName("balance_owing")]
    public ElasticPathPrice? BalanceOwing { get; init; }
}
