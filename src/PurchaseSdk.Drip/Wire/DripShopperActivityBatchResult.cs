using System.Text.Json.Serialization;

namespace PurchaseSdk.Drip;

/// <summary>
/// Drip's <c>202 Accepted</c> answer to a shopper activity batch, <c>{"request_ids": ["…", …]}</c>: one id per
/// queued event.
/// </summary>
public sealed class DripShopperActivityBatchResult
{
    /// <summary>Drip's ids of the queued requests.</summary>
    [JsonPropertyName("request_ids")]
    public IReadOnlyList<string>? RequestIds { get; init; }
}
