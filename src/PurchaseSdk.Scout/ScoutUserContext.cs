namespace PurchaseSdk.Scout;

/// <summary>
/// The Scout user a purchase belongs to, from Scout's OAuth flow (<see cref="IScoutOAuthApi.ExchangeCodeAsync"/>).
/// Attach it to the purchase: <c>Contexts = { new ScoutUserContext(userId, accessToken) }</c>; without it Scout is
/// skipped.
/// </summary>
public sealed class ScoutUserContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="userId">The Scout user id (<c>user.id</c> of the code exchange).</param>
    /// <param name="accessToken">The user's access token; surrounding spaces are trimmed before sending.</param>
    public ScoutUserContext(long userId, string accessToken)
    {
        UserId = userId;
        AccessToken = accessToken;
    }

    /// <summary>The Scout user id.</summary>
    public long UserId { get; }

    /// <summary>The user's access token (a secret: never printed).</summary>
    public string AccessToken { get; }

    /// <summary>Describes the context without the token.</summary>
    public override string ToString() => $"ScoutUserContext {{ UserId = {UserId} }}";
}
