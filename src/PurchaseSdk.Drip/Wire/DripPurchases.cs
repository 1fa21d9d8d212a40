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
