using System.Text.Json.Serialization;
using PurchaseSdk.Json;

namespace PurchaseSdk.Drip;

/// <summary>
/// A Drip purchase (https://github.com/DripEmail/api-docs (Purchases, removed in 2018; source/includes/_purchases.md), "Purchases (Beta)"): amounts in integer cents, an item's <see cref="DripPurchaseItem.Amount"/>
/// being the line total.
/// </summary>
public sealed class DripPurchase
{
    /// <summary>Drip's purchase id (answers only).</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Where the purchase came from (for example <c>gumroad</c>).</summary>
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    /// <summary>Your order id.</summary>
    [JsonPropertyName("order_id")]
    public string? OrderId { get; init; }

    /// <summary>The total of the purchase in cents. Required when creating.</summary>
    [JsonPropertyName("amount")]
    public long? Amount { get; init; }

    /// <summary>A URL of the order page.</summary>
    [JsonPropertyName("permalink")]
    public string? Permalink { get; init; }

    /// <summary>Properties of the order.</summary>
    [JsonPropertyName("properties")]
    public IReadOnlyDictionary<string, string>? Properties { get; init; }

    /// <summary>When the purchase happened (ISO 8601; Drip defaults it to now).</summary>
    [JsonPropertyName("occurred_at")]
    [JsonConverter(typeof(Iso8601UtcConverter))]
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>The purchased items.</summary>
    [JsonPropertyName("items")]
    public IReadOnlyList<DripPurchaseItem>? Items { get; init; }

    /// <summary>The account and subscriber ids (answers only).</summary>
    [JsonPropertyName("links")]
    public IReadOnlyDictionary<string, string>? Links { get; init; }
}
