using System.Text.Json.Serialization;

namespace PurchaseSdk.Scout;

/// <summary>The code exchange of <c>POST /api/v1/oauth/token</c>.</summary>
public sealed class ScoutTokenRequest
{
    /// <summary>The authorization code Scout sent to your redirect URI.</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    /// <summary>The redirect URI the code was issued for.</summary>
    [JsonPropertyName("redirect_uri")]
    public required string RedirectUri { get; init; }

    /// <summary>Describes the request without the code.</summary>
    public override string ToString() => $"ScoutTokenRequest for {RedirectUri}";
}
