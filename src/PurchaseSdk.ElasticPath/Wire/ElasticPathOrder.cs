using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>An Elastic Path order. A checkout creates it <c>incomplete</c> and <c>unpaid</c>.</summary>
public sealed class ElasticPathOrder
{
    /// <summary>The order id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Always <c>order</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary><c>incomplete</c>, <c>processing</c>, <c>complete</c> or <c>cancelled</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary><c>unpaid</c>, <c>authorized</c>, <c>paid</c> or <c>refunded</c>.</summary>
    [JsonPropertyName("payment")]
    public string? Payment { get; init; }

    /// <summary><c>unfulfilled</c> or <c>fulfilled</c>.</summary>
    [JsonPropertyName("shipping")]
    public string? Shipping { get; init; }

    /// <summary>Whether personal data was removed.</summary>
    [JsonPropertyName("anonymized")]
    public bool? Anonymized { get; init; }

    /// <summary>The contact of the order.</summary>
    [JsonPropertyName("contact")]
    public ElasticPathContact? Contact { get; init; }

    /// <summary>The customer of the order, for customer checkouts.</summary>
    [JsonPropertyName("customer")]
    public ElasticPathContact? Customer { get; init; }

    /// <summary>The shipping address.</summary>
    [JsonPropertyName("shipping_address")]
    public ElasticPathAddress? ShippingAddress { get; init; }

    /// <summary>The billing address.</summary>
    [JsonPropertyName("billing_address")]
    public ElasticPathAddress? BillingAddress { get; init; }

    /// <summary>Your reference of the order (the SDK sends the purchase's order id).</summary>
    [JsonPropertyName("external_ref")]
    public string? ExternalRef { get; init; }

    /// <summary>Your order number.</summary>
    [JsonPropertyName("order_number")]
    public string? OrderNumber { get; init; }

    /// <summary>Links of the order.</summary>
    [JsonPropertyName("links")]
    public IReadOnlyDictionary<string, string>? Links { get; init; }

    /// <summary>Prices and timestamps.</summary>
    [JsonPropertyName("meta")]
    public ElasticPathOrderMeta? Meta { get; init; }

    /// <summary>The order's items, account, account member and customer.</summary>
    [JsonPropertyName("relationships")]
    public ElasticPathOrderRelationships? Relationships { get; init; }
}
