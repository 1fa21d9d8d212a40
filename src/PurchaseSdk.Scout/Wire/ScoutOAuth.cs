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

/// <summary>Scout's answer to the code exchange and to the token check.</summary>
public sealed class ScoutUserResult
{
    /// <summary>Whether Scout accepted the request.</summary>
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    /// <summary>Why Scout refused it.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The user.</summary>
    [JsonPropertyName("user")]
    public ScoutUser? User { get; init; }
}

/// <summary>A Scout user, as the OAuth endpoints return it.</summary>
public sealed class ScoutUser
{
    /// <summary>The user id: the <c>user_id</c> of every checkout.</summary>
    [JsonPropertyName("id")]
    public long Id { get; init; }

    /// <summary>The user's access token (code exchange only; a secret).</summary>
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    /// <summary>The granted scopes (code exchange only).</summary>
    [JsonPropertyName("scopes")]
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The Scout username (token check, with the <c>username</c> scope).</summary>
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    /// <summary>Describes the user without the token.</summary>
    public override string ToString() => $"ScoutUser {Id}{(Username is null ? string.Empty : " " + Username)}";
}
