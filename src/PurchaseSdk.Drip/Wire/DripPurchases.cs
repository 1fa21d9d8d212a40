using System.Text.Json.Serialization;

namespace PurchaseSdk.Drip;

/// <summary>
/// The <c>{"purchases": [...]}</c> envelope: the create body, and the list and fetch answers (with <c>links</c> and,
/// for lists, <c>meta</c>).
/// </summary>
public sealed class DripPurchases
{
    /// <summary>The purchases.</summary>
    [JsonPropertyName("purchases")]
    public IReadOnlyList<DripPurchase>? Purchases { get; init; }

    /// <summary>The link templates of the answer.</summary>
    [JsonPropertyName("links")]
    public IReadOnlyDictionary<string, string>? Links { get; init; }

    /// <summary>The page of a list answer.</summary>
    [JsonPropertyName("meta")]
    public DripPageMeta? Meta { get; init; }
}

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
