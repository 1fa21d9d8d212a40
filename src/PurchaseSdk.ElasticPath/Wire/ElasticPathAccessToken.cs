using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>The answer of <c>POST /oauth/access_token</c>.</summary>
internal sealed class ElasticPathAccessToken
{
    /// <summary>When the token expires, in Unix seconds.</summary>
    [JsonPropertyName("expires")]
    public long? Expires { get; init; }

    /// <summary>The grant type that issued it.</summary>
    [JsonPropertyName("identifier")]
    public string? Identifier { get; init; }

    /// <summary>Seconds until the token expires.</summary>
    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; init; }

    /// <summary>The token (a secret).</summary>
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    /// <summary><c>Bearer</c>.</summary>
    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    /// <summary>Describes the token without revealing it.</summary>
    public override string ToString() => $"ElasticPathAccessToken {Identifier} expires in {ExpiresIn} s";
}
