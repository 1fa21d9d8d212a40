using Microsoft.Extensions.Options;
using PurchaseSdk.Http;

namespace PurchaseSdk.Kit;

/// <summary>
/// Kit's current access token: the configured one, replaced by <see cref="KitOptions.RefreshAccessToken"/> after Kit
/// says it expired, and reset when the configuration changes (rolling credentials).
/// </summary>
internal sealed class KitAccessTokens : IDisposable
{
    private readonly IOptionsMonitor<KitOptions> _options;
    private readonly IDisposable? _subscription;

    public KitAccessTokens(IOptionsMonitor<KitOptions> options, TimeProvider time)
    {
        _options = options;
        Cache = new AccessTokenCache(AcquireAsync, time, TimeSpan.Zero);
        _subscription = options.OnChange((_, _) => Cache.Clear());
    }

    public AccessTokenCache Cache { get; }

    public bool CanRefresh => _options.CurrentValue.RefreshAccessToken is not null;

    public void Dispose() => _subscription?.Dispose();

    private async ValueTask<AccessToken> AcquireAsync(string? rejected, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        if (rejected is null && !string.IsNullOrWhiteSpace(options.AccessToken))
        {
            return new AccessToken(options.AccessToken.Trim(), ExpiresAt: null);
        }

        var refresh = options.RefreshAccessToken
            ?? throw new InvalidOperationException("Kit needs PurchaseSdk:Kit:AccessToken or KitOptions.RefreshAccessToken.");
        var token = await refresh(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new InvalidOperationException("KitOptions.RefreshAccessToken returned an empty token.");
        }

        return new AccessToken(token.Trim(), ExpiresAt: null);
    }
}
