using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>An order's prices and timestamps.</summary>
public sealed class ElasticPathOrderMeta
{
    /// <summary>The order's prices, in minor units.</summary>
    [JsonPropertyName("display_price")]
    public ElasticPathDisplayPrice? DisplayPrice { get; init; }

    /// <summary>When the order was created and updated.</summary>
    [JsonPropertyName("timestamps")]
    public ElasticPathTimestamps? Timestamps { get; init; }
}
