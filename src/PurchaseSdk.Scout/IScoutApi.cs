using Refit;

namespace PurchaseSdk.Scout;

/// <summary>
/// Scout's checkout ingest (<c>https://ingest.scoutapp.ai</c>), resolvable from DI after <c>AddScout()</c>. Every
/// call carries <c>x-api-key</c> from <c>PurchaseSdk:Scout:ApiKey</c>. Post checkouts from your server only.
/// </summary>
public interface IScoutApi
{
    /// <summary>Adds one item to a Scout user's inventory: <c>POST /ingest</c>.</summary>
    /// <returns><c>{"success": true}</c>; a <c>{"success": false}</c> answer throws <see cref="ProviderRequestException"/>.</returns>
    [Post("/ingest")]
    Task<ScoutResult> PostCheckoutAsync([Body] ScoutCheckout checkout, CancellationToken cancellationToken = default);
}

/// <summary>
/// The OAuth helpers a server needs, on Scout's API host (<c>https://scoutapp.ai</c>), resolvable from DI after
/// <c>AddScout()</c>. Send users to <c>https://scoutapp.ai/oauth/new?client_id=…&amp;redirect_uri=…&amp;scopes=checkouts,username</c>
/// first; Scout redirects back with a code.
/// </summary>
public interface IScoutOAuthApi
{
    /// <summary>Exchanges an authorization code for the user's id and access token: <c>POST /api/v1/oauth/token</c>.</summary>
    [Post("/api/v1/oauth/token")]
    Task<ScoutUserResult> ExchangeCodeAsync([Body] ScoutTokenRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks an access token and returns its user: <c>GET /api/v1/oauth/info?access_token=…</c>. Scout recommends it
    /// on each launch of a desktop app, to notice revoked access.
    /// </summary>
    [Get("/api/v1/oauth/info")]
    Task<ScoutUserResult> GetUserInfoAsync([AliasAs("access_token")] string accessToken, CancellationToken cancellationToken = default);
}
