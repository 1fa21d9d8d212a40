using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

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
