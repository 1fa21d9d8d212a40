using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>A to-one relationship: <c>{"data": {"type", "id"}}</c>.</summary>
public sealed class ElasticPathToOne
{
    /// <summary>The related resource.</summary>
    [JsonPropertyName("data")]
    public ElasticPathResourceRef? Data { get; init; }
}
