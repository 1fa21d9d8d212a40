using System.Text.Json.Serialization;

namespace PurchaseSdk.Kit;

/// <summary>One page of <c>GET /v4/purchases</c>.</summary>
public sealed class KitPurchasePage
{
    /// <summary>The purchases of this page.</summary>
    [JsonPropertyName("purchases")]
    public IReadOnlyList<KitPurchase>? Purchases { get; init; }

    /// <summary>The cursors to the neighbouring pages.</summary>
    [JsonPropertyName("pagination")]
    public KitPagination? Pagination { get; init; }
}
