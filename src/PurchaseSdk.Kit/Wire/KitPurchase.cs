using System.Text.Json.Serialization;
using PurchaseSdk.Json;

namespace PurchaseSdk.Kit;

/// <summary>
/// A Kit purchase as <c>POST /v4/purchases</c> takes it and as Kit returns it (https://developers.kit.com/api-reference/purchases/create-a-purchase; developers.kit.com
/// "Create a purchase"). Amounts are decimals in major units of <see cref="Currency"/>.
/// </summary>
public sealed class KitPurchase
{
    /// <summary>Kit's purchase id (answers only).</summary>
    [JsonPropertyName("id")]
    public long? Id { get; init; }

    /// <summary>The subscriber the purchase was attached to (answers only).</summary>
    [JsonPropertyName("subscriber_id")]
    public long? SubscriberId { get; init; }

    /// <summary>The buyer's email address; Kit creates the subscriber if needed.</summary>
    [JsonPropertyName("email_address")]
    public string? EmailAddress { get; init; }

    /// <summary>Your unique id of the purchase (your order id).</summary>
    [JsonPropertyName("transaction_id")]
    public string? TransactionId { get; init; }

    /// <summary>The purchase status, for example <c>paid</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>The sum of the products.</summary>
    [JsonPropertyName("subtotal")]
    public decimal? Subtotal { get; init; }

    /// <summary>Tax.</summary>
    [JsonPropertyName("tax")]
    public decimal? Tax { get; init; }

    /// <summary>Shipping.</summary>
    [JsonPropertyName("shipping")]
    public decimal? Shipping { get; init; }

    /// <summary>Discount.</summary>
    [JsonPropertyName("discount")]
    public decimal? Discount { get; init; }

    /// <summary>Total paid.</summary>
    [JsonPropertyName("total")]
    public decimal? Total { get; init; }

    /// <summary>The ISO 4217 currency code.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    /// <summary>When the purchase happened (sent as ISO 8601 UTC).</summary>
    [JsonPropertyName("transaction_time")]
    [JsonConverter(typeof(Iso8601UtcConverter))]
    public DateTimeOffset? TransactionTime { get; init; }

    /// <summary>The purchased products.</summary>
    [JsonPropertyName("products")]
    public IReadOnlyList<KitProduct>? Products { get; init; }
}
