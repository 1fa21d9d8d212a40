using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>
/// A checkout: as an account (client-credentials token; <see cref="Account"/> and <see cref="Contact"/>) or as an
/// account member (account-management token header; <see cref="Contact"/> only), with the addresses.
/// </summary>
public sealed class ElasticPathCheckout
{
    /// <summary>The account checking out (account form only).</summary>
    [JsonPropertyName("account")]
    public ElasticPathCheckoutAccount? Account { get; init; }

    /// <summary>Who to contact about the order. Required.</summary>
    [JsonPropertyName("contact")]
    public ElasticPathContact? Contact { get; init; }

    /// <summary>The billing address.</summary>
    [JsonPropertyName("billing_address")]
    public ElasticPathAddress? BillingAddress { get; init; }

    /// <summary>The shipping address.</summary>
    [JsonPropertyName("shipping_address")]
    public ElasticPathAddress? ShippingAddress { get; init; }

    /// <summary>Your reference of the order (at most 64 characters); the SDK sends the purchase's order id, to find the order again.</summary>
    [JsonPropertyName("external_ref")]
    public string? ExternalRef { get; init; }

    /// <summary>Your order number (not required to be unique).</summary>
    [JsonPropertyName("order_number")]
    public string? OrderNumber { get; init; }
}
