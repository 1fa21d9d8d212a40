using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>A page of orders: <c>GET /v2/orders</c>.</summary>
public sealed class ElasticPathOrderList
{
    /// <summary>The orders of this page.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<ElasticPathOrder>? Data { get; init; }

    /// <summary>Paging and result counts.</summary>
    [JsonPropertyName("meta")]
    public ElasticPathListMeta? Meta { get; init; }

    /// <summary>Links to the first, previous, next and last pages.</summary>
    [JsonPropertyName("links")]
    public IReadOnlyDictionary<string, string>? Links { get; init; }
}
