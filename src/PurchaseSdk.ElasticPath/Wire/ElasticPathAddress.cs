using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

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
