using System.Text.Json.Serialization;

namespace PurchaseSdk.Rundl;

/// <summary>A Rundl product.</summary>
public sealed class RundlProduct
{
    /// <summary>The product id.</summary>
    [JsonPropertyName("id")]
    public long? Id { get; init; }

    /// <summary>Always <c>product</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>The product name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The product price.</summary>
    [JsonPropertyName("price")]
    public decimal? Price { get; init; }

    /// <summary>The ISO 4217 currency code.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }
}
