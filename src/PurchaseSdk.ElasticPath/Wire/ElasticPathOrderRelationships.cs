using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>An order's relationships.</summary>
public sealed class ElasticPathOrderRelationships
{
    /// <summary>The order items (details in <see cref="ElasticPathOrderResponse.Included"/>).</summary>
    [JsonPropertyName("items")]
    public ElasticPathToMany? Items { get; init; }

    /// <summary>The account.</summary>
    [JsonPropertyName("account")]
    public ElasticPathToOne? Account { get; init; }

    /// <summary>The account member.</summary>
    [JsonPropertyName("account_member")]
    public ElasticPathToOne? AccountMember { get; init; }

    /// <summary>The customer.</summary>
    [JsonPropertyName("customer")]
    public ElasticPathToOne? Customer { get; init; }
}
