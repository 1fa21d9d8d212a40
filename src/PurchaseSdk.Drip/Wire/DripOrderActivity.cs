using System.Text.Json;
using System.Text.Json.Serialization;
using PurchaseSdk.Json;

namespace PurchaseSdk.Drip;

/// <summary>
/// An order activity event of Drip's shopper activity API (<c>POST /v3/{account_id}/shopper_activity/order</c>;
/// DripEmail/api-docs <c>source/includes/shopper_activity/_order_activity.md</c>). Drip upserts the order by
/// <see cref="Provider"/> and <see cref="OrderId"/>: sending the same order again updates it. Amounts are decimals in
/// major units of <see cref="Currency"/> (<c>22.99</c>).
/// </summary>
public sealed class DripOrderActivity
{
    /// <summary>Where the order comes from, lower snake case (<c>shopify</c>, <c>my_custom_platform</c>). Required; with <see cref="OrderId"/> the key of the order.</summary>
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    /// <summary>Drip's id of the person. This or <see cref="Email"/> is required; when both are sent Drip ignores the email.</summary>
    [JsonPropertyName("person_id")]
    public string? PersonId { get; init; }

    /// <summary>The person's email address. This or <see cref="PersonId"/> is required.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary><c>active</c> or <c>unsubscribed</c>: the status of a person Drip creates. When absent, the person becomes subscribed.</summary>
    [JsonPropertyName("initial_status")]
    public string? InitialStatus { get; init; }

    /// <summary>The event: <c>placed</c>, <c>updated</c>, <c>paid</c>, <c>fulfilled</c>, <c>refunded</c> or <c>canceled</c>. Required.</summary>
    [JsonPropertyName("action")]
    public string? Action { get; init; }

    /// <summary>When the event happened (ISO 8601; Drip defaults it to now).</summary>
    [JsonPropertyName("occurred_at")]
    [JsonConverter(typeof(Iso8601UtcConverter))]
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Your internal order id. Required; with <see cref="Provider"/> the key of the order.</summary>
    [JsonPropertyName("order_id")]
    public string? OrderId { get; init; }

    /// <summary>The customer-facing order number (<c>#5</c>), shown in Drip.</summary>
    [JsonPropertyName("order_public_id")]
    public string? OrderPublicId { get; init; }

    /// <summary>The order total, discounts included (Drip defaults it to 0).</summary>
    [JsonPropertyName("grand_total")]
    public decimal? GrandTotal { get; init; }

    /// <summary>The discounts on the whole order.</summary>
    [JsonPropertyName("total_discounts")]
    public decimal? TotalDiscounts { get; init; }

    /// <summary>The taxes on the whole order.</summary>
    [JsonPropertyName("total_taxes")]
    public decimal? TotalTaxes { get; init; }

    /// <summary>The fees on the whole order.</summary>
    [JsonPropertyName("total_fees")]
    public decimal? TotalFees { get; init; }

    /// <summary>The shipping on the whole order.</summary>
    [JsonPropertyName("total_shipping")]
    public decimal? TotalShipping { get; init; }

    /// <summary>For <c>refunded</c> and <c>canceled</c>: the amount returned, by which Drip lowers the person's lifetime value.</summary>
    [JsonPropertyName("refund_amount")]
    public decimal? RefundAmount { get; init; }

    /// <summary>The ISO 4217 code of every amount.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    /// <summary>A URL of the order on your platform.</summary>
    [JsonPropertyName("order_url")]
    public string? OrderUrl { get; init; }

    /// <summary>The ordered items.</summary>
    [JsonPropertyName("items")]
    public IReadOnlyList<DripOrderActivityItem>? Items { get; init; }

    /// <summary>The billing address.</summary>
    [JsonPropertyName("billing_address")]
    public DripOrderActivityAddress? BillingAddress { get; init; }

    /// <summary>The shipping address.</summary>
    [JsonPropertyName("shipping_address")]
    public DripOrderActivityAddress? ShippingAddress { get; init; }

    /// <summary>
    /// Custom attributes, sent as further members of the event (Drip exposes them like event properties). Names of
    /// the documented members above must not be used.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? CustomAttributes { get; set; }
}
