using System.Text.Json.Serialization;

namespace PurchaseSdk.Scout;

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
