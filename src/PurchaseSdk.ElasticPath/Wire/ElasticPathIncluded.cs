using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>Resources included with an order.</summary>
public sealed class ElasticPathIncluded
{
    /// <summary>The order items.</summary>
    [JsonPropertyName("items")]
    public IReadOnlyList<ElasticPathOrderItem>? Items { get; init; }
}
