using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>A page of a list.</summary>
public sealed class ElasticPathPage
{
    /// <summary>The page number, from 1.</summary>
    [JsonPropertyName("current")]
    public long? Current { get; init; }

    /// <summary>The page size.</summary>
    [JsonPropertyName("limit")]
    public long? Limit { get; init; }

    /// <summary>The offset of the page.</summary>
    [JsonPropertyName("offset")]
    public long? Offset { get; init; }

    /// <summary>The number of pages.</summary>
    [JsonPropertyName("total")]
    public long? Total { get; init; }
}
