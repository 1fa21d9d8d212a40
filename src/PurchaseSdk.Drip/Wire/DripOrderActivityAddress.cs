using System.Text.Json.Serialization;

namespace PurchaseSdk.Drip;

/// <summary>A billing or shipping address of a <see cref="DripOrderActivity"/>; every member is optional.</summary>
public sealed class DripOrderActivityAddress
{
    /// <summary>A label for the address (<c>Primary Billing</c>).</summary>
    [JsonPropertyName("label")]
    public string? Label { get; init; }

    /// <summary>The first name.</summary>
    [JsonPropertyName("first_name")]
    public string? FirstName { get; init; }

    /// <summary>The last name.</summary>
    [JsonPropertyName("last_name")]
    public string? LastName { get; init; }

    /// <summary>The company.</summary>
    [JsonPropertyName("company")]
    public string? Company { get; init; }

    /// <summary>The street address.</summary>
    [JsonPropertyName("address_1")]
    public string? Address1 { get; init; }

    /// <summary>A second line of the street address.</summary>
    [JsonPropertyName("address_2")]
    public string? Address2 { get; init; }

    /// <summary>The city.</summary>
    [JsonPropertyName("city")]
    public string? City { get; init; }

    /// <summary>The state or region.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>The postal code.</summary>
    [JsonPropertyName("postal_code")]
    public string? PostalCode { get; init; }

    /// <summary>The country.</summary>
    [JsonPropertyName("country")]
    public string? Country { get; init; }

    /// <summary>The phone number.</summary>
    [JsonPropertyName("phone")]
    public string? Phone { get; init; }
}
