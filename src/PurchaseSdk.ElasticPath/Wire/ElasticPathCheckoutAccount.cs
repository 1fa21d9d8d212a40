using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

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
