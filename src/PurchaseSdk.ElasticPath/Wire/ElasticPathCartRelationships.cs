using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>A cart's relationships.</summary>
public sealed class ElasticPathCartRelationships
{
    /// <summary>The cart items.</summary>
    [JsonPropertyName("items")]
    public ElasticPathToMany? Items { get; init; }

    /// <summary>The customers of the cart.</summary>
    [JsonPropertyName("customers")]
    public ElasticPathToMany? Customers { get; init; }
}
