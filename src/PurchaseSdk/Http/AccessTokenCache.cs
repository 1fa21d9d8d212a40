namespace PurchaseSdk.Http;

/// <summary>
/// Holds one provider's access token: acquired once and shared by every concurrent caller (one token request for
/// fifty concurrent calls, never two in flight), renewed shortly before it expires, and renewed at most once per
/// refusal when the provider rejects it. A token whose lifetime is not longer than the renewal margin is used until
/// it actually expires; one whose expiry is unknown, already past when issued, or absurdly far is used until the
/// provider refuses it.
/// </summary>
#pragma warning disable CA1001 // The semaphore never allocates a wait handle (only WaitAsync is used), so there is nothing to dispose.
internal sealed class AccessTokenCache
#pragma warning restore CA1001
{
    private static readonly TimeSpan LongestBelievableLifetime = TimeSpan.FromDays(3650);

    private readonly Func<string?, CancellationToken, ValueTask<AccessToken>> _acquire;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Held? _current;

    public AccessTokenCache(Func<string?, CancellationToken, ValueTask<AccessToken>> acquire, TimeProvider time, TimeSpan renewalMargin)
    {
        _acquire = acquire;
        _time = time;
        RenewalMargin = renewalMargin < TimeSpan.Zero ? TimeSpan.Zero : renewalMargin;
    }

    public TimeSpan RenewalMargin { get; }

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

            return await AcquireAsync(rejected: null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<string> RenewAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } current && !string.Equals(current.Value, rejectedToken, StringComparison.Ordinal) && Usable(current) is { } newer)
            {
                return newer;
            }

            return await AcquireAsync(rejectedToken, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Clear() => _current = null;

    private async ValueTask<string> AcquireAsync(string? rejected, CancellationToken cancellationToken)
    {
        var issuedAt = _time.GetUtcNow();
        var acquired = await _acquire(rejected, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(acquired.Value))
        {
            throw new InvalidOperationException("The token source returned an empty access token.");
        }

        _current = new Held(acquired.Value, RenewAt(issuedAt, acquired.ExpiresAt));
        return acquired.Value;
    }

    /// <summary>When a token issued at <paramref name="issuedAt"/> must be replaced; null: until the provider refuses it.</summary>
    private DateTimeOffset? RenewAt(DateTimeOffset issuedAt, DateTimeOffset? expiresAt)
    {
        if (expiresAt is not { } expiry || expiry <= issuedAt || expiry - issuedAt > LongestBelievableLifetime)
        {
            return null;
        }

        // A lifetime the margin cannot be honoured in: use it until it actually expires.
        return expiry - issuedAt > RenewalMargin ? expiry - RenewalMargin : expiry;
    }

    private string? Usable(Held? held) =>
        held is null || (held.RenewAt is { } renewAt && _time.GetUtcNow() >= renewAt) ? null : held.Value;

    private sealed record Held(string Value, DateTimeOffset? RenewAt);
}
