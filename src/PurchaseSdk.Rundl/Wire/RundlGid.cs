using System.Text.Json.Serialization;

namespace PurchaseSdk.Rundl;

/// <summary>A Rundl gid object: an account reference.</summary>
public sealed class RundlGid
{
    /// <summary>The account id.</summary>
    [JsonPropertyName("id")]
    public long? Id { get; init; }

    /// <summary>The global type of the entity.</summary>
    [JsonPropertyName("global_type")]
    public long? GlobalType { get; init; }

    /// <summary>The account name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}
