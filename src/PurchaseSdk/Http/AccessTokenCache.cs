namespace PurchaseSdk.Http;

/// <summary>
/// Holds one provider's access token: acquired once and shared by every concurrent caller (one token request for
/// fifty concurrent calls), renewed shortly before it expires, and renewed at most once per refusal when the
/// provider rejects it.
/// </summary>
#pragma warning disable CA1001 // The semaphore never allocates a wait handle, so there is nothing to dispose.
public sealed class AccessTokenCache
#pragma warning restore CA1001
{
    private readonly Func<string?, CancellationToken, ValueTask<AccessToken>> _acquire;
    private readonly TimeProvider _time;
    private readonly TimeSpan _renewBeforeExpiry;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _current;

    /// <summary>Creates the cache.</summary>
    /// <param name="acquire">
    /// Gets a token. Its first argument is the token the provider just rejected, or null for the first token and
    /// for renewal before expiry.
    /// </param>
    /// <param name="time">The clock that decides expiry.</param>
    /// <param name="renewBeforeExpiry">How long before <see cref="AccessToken.ExpiresAt"/> a token is renewed.</param>
    public AccessTokenCache(Func<string?, CancellationToken, ValueTask<AccessToken>> acquire, TimeProvider time, TimeSpan renewBeforeExpiry)
    {
        ArgumentNullException.ThrowIfNull(acquire);
        ArgumentNullException.ThrowIfNull(time);
        _acquire = acquire;
        _time = time;
        _renewBeforeExpiry = renewBeforeExpiry;
    }

    /// <summary>Gets a valid token, acquiring one when there is none or it is about to expire.</summary>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Usable(_current) is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Usable(_current) is { } fresh)
            {
                return fresh;
            }

            var acquired = await _acquire(null, cancellationToken).ConfigureAwait(false);
            _current = acquired;
            return acquired.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Renews the token after the provider rejected <paramref name="rejectedToken"/>. When another caller already
    /// renewed it, the newer token is returned without another request.
    /// </summary>
    public async ValueTask<string> RenewAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } current && !string.Equals(current.Value, rejectedToken, StringComparison.Ordinal) && Usable(current) is { } newer)
            {
                return newer;
            }

            var acquired = await _acquire(rejectedToken, cancellationToken).ConfigureAwait(false);
            _current = acquired;
            return acquired.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the current token; the next call acquires a new one.</summary>
    public void Clear() => _current = null;

    private string? Usable(AccessToken? token)
    {
        if (token is not { } value || string.IsNullOrEmpty(value.Value))
        {
            return null;
        }

        return value.ExpiresAt is { } expiresAt && _time.GetUtcNow() >= expiresAt - _renewBeforeExpiry ? null : value.Value;
    }
}
