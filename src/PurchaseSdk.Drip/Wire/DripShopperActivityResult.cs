using System.Text.Json.Serialization;

namespace PurchaseSdk.Drip;

/// <summary>
/// Drip's <c>202 Accepted</c> answer to a shopper activity event, <c>{"request_id": "…"}</c>: the event is queued for
/// processing, and the id can be used to check on it later.
/// </summary>
public sealed class DripShopperActivityResult
{
    /// <summary>Drip's id of the queued request.</summary>
    [JsonPropertyName("request_id")]
    public string? RequestId { get; init; }
}
