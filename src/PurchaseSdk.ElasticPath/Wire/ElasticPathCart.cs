using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>A cart in its envelope: <c>GET /v2/carts/{reference}</c>.</summary>
public sealed class ElasticPathCartResponse
{
    /// <summary>The cart.</summary>
    [JsonPropertyName("data")]
    public ElasticPathCart? Data { get; init; }
}

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
