using System.Text.Json.Serialization;

namespace PurchaseSdk.Kit;

/// <summary>The <c>{"purchase": {...}}</c> envelope of Kit's create request and of its create and get answers.</summary>
public sealed class KitPurchaseEnvelope
{
    /// <summary>The purchase.</summary>
    [JsonPropertyName("purchase")]
    public KitPurchase? Purchase { get; init; }
}
