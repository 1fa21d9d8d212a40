using System.Text.Json.Serialization;

namespace PurchaseSdk.Drip;

/// <summary>Drip's paging block.</summary>
public sealed class DripPageMeta
{
    /// <summary>This page's number, from 1.</summary>
    [JsonPropertyName("page")]
    public long? Page { get; init; }

    /// <summary>The items on this page.</summary>
    [JsonPropertyName("count")]
    public long? Count { get; init; }

    /// <summary>How many pages there are.</summary>
    [JsonPropertyName("total_pages")]
    public long? TotalPages { get; init; }

    /// <summary>How many items there are.</summary>
    [JsonPropertyName("total_count")]
    public long? TotalCount { get; init; }
}
