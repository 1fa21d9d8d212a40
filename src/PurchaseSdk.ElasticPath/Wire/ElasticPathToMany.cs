using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>A to-many relationship: <c>{"data": [{"type", "id"}]}</c>.</summary>
public sealed class ElasticPathToMany
{
    /// <summary>The related resources.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<ElasticPathResourceRef>? Data { get; init; }
}
