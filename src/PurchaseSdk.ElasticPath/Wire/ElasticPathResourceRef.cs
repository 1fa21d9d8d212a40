using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>A reference to a resource.</summary>
public sealed class ElasticPathResourceRef
{
    /// <summary>The resource type (<c>item</c>, <c>account</c>, ...).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The resource id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }
}
