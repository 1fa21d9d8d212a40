using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>The <c>{"data": {...}}</c> body of <c>POST /v2/carts/{reference}/checkout</c> (seed 004).</summary>
public sealed class ElasticPathCheckoutRequest
{
    /// <summary>The checkout.</summary>
    [JsonPropertyName("data")]
    public required ElasticPathCheckout Data { get; init; }
}

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

/// <summary>The account of an account checkout.</summary>
public sealed class ElasticPathCheckoutAccount
{
    /// <summary>The account id. Required.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The account member id.</summary>
    [JsonPropertyName("member_id")]
    public string? MemberId { get; init; }
}

/// <summary>A contact: a name and an email address.</summary>
public sealed class ElasticPathContact
{
    /// <summary>The name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The email address.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }
}

/// <summary>A billing or shipping address (shipping adds a phone number and instructions).</summary>
public sealed class ElasticPathAddress
{
    /// <summary>First name.</summary>
    [JsonPropertyName("first_name")]
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    [JsonPropertyName("last_name")]
    public string? LastName { get; init; }

    /// <summary>Company name.</summary>
    [JsonPropertyName("company_name")]
    public string? CompanyName { get; init; }

    /// <summary>Phone number (shipping).</summary>
    [JsonPropertyName("phone_number")]
    public string? PhoneNumber { get; init; }

    /// <summary>First address line.</summary>
    [JsonPropertyName("line_1")]
    public string? Line1 { get; init; }

    /// <summary>Second address line.</summary>
    [JsonPropertyName("line_2")]
    public string? Line2 { get; init; }

    /// <summary>City.</summary>
    [JsonPropertyName("city")]
    public string? City { get; init; }

    /// <summary>County.</summary>
    [JsonPropertyName("county")]
    public string? County { get; init; }

    /// <summary>Region or state.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    /// <summary>Postcode.</summary>
    [JsonPropertyName("postcode")]
    public string? Postcode { get; init; }

    /// <summary>Country code.</summary>
    [JsonPropertyName("country")]
    public string? Country { get; init; }

    /// <summary>Delivery instructions (shipping).</summary>
    [JsonPropertyName("instructions")]
    public string? Instructions { get; init; }
}
