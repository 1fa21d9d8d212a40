using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>A cart in its envelope: <c>GET /v2/carts/{reference}</c>.</summary>
public sealed class ElasticPathCartResponse
{
    /// <summary>The cart.</summary>
    [JsonPropertyName("data")]
    public ElasticPathCart? Data { get; init; }
}
