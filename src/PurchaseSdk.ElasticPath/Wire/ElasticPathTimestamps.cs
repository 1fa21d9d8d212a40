using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>Creation and update times.</summary>
public sealed class ElasticPathTimestamps
{
    /// <summary>When it was created.</summary>
    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    [JsonPropertyName("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }
}
