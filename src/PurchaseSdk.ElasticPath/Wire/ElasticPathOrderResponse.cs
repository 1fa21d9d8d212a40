using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>An order in its envelope: <c>{"data": order, "included": {"items": [...]}}</c> (the checkout and get-order answers).</summary>
public sealed class ElasticPathOrderResponse
{
    /// <summary>The order.</summary>
    [JsonPropertyName("data")]
    public ElasticPathOrder? Data { get; init; }

    /// <summary>Resources included with the order.</summary>
    [JsonPropertyName("included")]
    public ElasticPathIncluded? Included { get; init; }
}
