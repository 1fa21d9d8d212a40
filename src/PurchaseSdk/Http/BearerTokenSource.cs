namespace PurchaseSdk.Http;

/// <summary>
/// Where a provider's OAuth bearer tokens come from, for <see cref="BearerTokenHandler"/>: one token shared by every
/// concurrent call (never more than one token request in flight), renewed <see cref="RenewalMargin"/> before it
/// expires (or used until it expires, when its lifetime is shorter than the margin), and renewed once when the
/// provider answers <c>401</c>. Register one instance per provider as a singleton.
/// </summary>
public abstract class BearerTokenSource
{
    private readonly AccessTokenCache _cache;

    /// <summary>Creates the source.</summary>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    /// <param name="renewalMargin">How long before a token expires it is renewed.</param>
    protected BearerTokenSource(TimeProvider timeProvider, TimeSpan renewalMargin)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _cache = new AccessTokenCache(AcquireTokenAsync, timeProvider, renewalMargin);
    }

    /// <summary>The time before expiry at which a token is renewed.</summary>
    public TimeSpan RenewalMargin => _cache.RenewalMargin;

    /// <summary>Gets a valid token, requesting one when there is none or it is about to expire.</summary>
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => _cache.GetTokenAsync(cancellationToken);

    /// <summary>
    /// Renews the token after the provider refused <paramref name="rejectedToken"/>; when another call already
    /// renewed it, the newer token is returned without another request.
    /// </summary>
    public ValueTask<string> RenewAsync(string rejectedToken, CancellationToken cancellationToken) => _cache.RenewAsync(rejectedToken, cancellationToken);

    /// <summary>
    /// How this source obtains a token, for a dry run (<see cref="IPurchaseReporter.PreviewAsync"/>), which shows it
    /// instead of doing it: for example "requests an access token (POST /oauth/access_token) unless one is cached". Null
    /// (the default) when tokens come from configuration.
    /// </summary>
    public virtual string? TokenRequestDescription => null;

    /// <summary>Forgets the current token (for example after the configured credentials changed).</summary>
    public void Clear() => _cache.Clear();

    /// <summary>
    /// Requests a token. <paramref name="rejectedToken"/> is the token the provider just refused, or null for the
    /// first token and for a renewal before expiry. Throw when no token can be had; the request it was for is then
    /// not sent.
    /// </summary>
    protected abstract ValueTask<AccessToken> AcquireTokenAsync(string? rejectedToken, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a <c>401</c> answer means the token should be renewed and the request repeated once. The default says
    /// yes; a provider that also answers 401 for other reasons reads the answer (its body is in memory).
    /// </summary>
    protected internal virtual ValueTask<bool> ShouldRenewAsync(HttpResponseMessage unauthorized, CancellationToken cancellationToken) =>
        ValueTask.FromResult(true);
}
