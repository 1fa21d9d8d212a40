using System.Text.Json.Serialization;

namespace PurchaseSdk.Kit;

/// <summary>Kit's cursor pagination block.</summary>
public sealed class KitPagination
{
    /// <summary>Whether a previous page exists.</summary>
    [JsonPropertyName("has_previous_page")]
    public bool HasPreviousPage { get; init; }

    /// <summary>Whether a next page exists.</summary>
    [JsonPropertyName("has_next_page")]
    public bool HasNextPage { get; init; }

    /// <summary>The cursor to pass as <c>before</c> for the previous page.</summary>
    [JsonPropertyName("start_cursor")]
    public string? StartCursor { get; init; }

    /// <summary>The cursor to pass as <c>after</c> for the next page.</summary>
    [JsonPropertyName("end_cursor")]
    public string? EndCursor { get; init; }

    /// <summary>The page size.</summary>
    [JsonPropertyName("per_page")]
    public int? PerPage { get; init; }

    /// <summary>The total number of purchases, when <c>include_total_count=true</c> was asked.</summary>
    [JsonPropertyName("total_count")]
    public int? TotalCount { get; init; }
}
