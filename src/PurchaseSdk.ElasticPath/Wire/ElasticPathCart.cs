using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>An Elastic Path cart.</summary>
public sealed class ElasticPathCart
{
    /// <summary>The cart reference.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Always <c>cart</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The cart name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The cart description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Prices and timestamps.</summary>
    [JsonPropertyName("meta")]
    public ElasticPathOrderMeta? Meta { get; init; }

    /// <summary>The cart's items and customers.</summary>
    [JsonPropertyName("relationships")]
    public ElasticPathCartRelationships? Relationships { get; init; }
}
