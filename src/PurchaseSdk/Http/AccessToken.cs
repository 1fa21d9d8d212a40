namespace PurchaseSdk.Http;

/// <summary>An access token and, when known, the moment it expires.</summary>
/// <param name="Value">The token. It is a secret: never log it.</param>
/// <param name="ExpiresAt">When it expires; null when it does not expire or it is not known.</param>
public readonly record struct AccessToken(string Value, DateTimeOffset? ExpiresAt)
{
    /// <summary>Describes the token without revealing it.</summary>
    public override string ToString() => ExpiresAt is { } at ? $"AccessToken (expires {at:O})" : "AccessToken";
}
