using Microsoft.Extensions.Options;
using PurchaseSdk.Http;

namespace PurchaseSdk.Kit;

/// <summary>
/// Kit's bearer token: the configured one, replaced by <see cref="KitOptions.RefreshAccessToken"/> after Kit says it
/// expired (<c>401 The access token expired</c>; not when it says the token is invalid, where renewing cannot help),
/// and forgotten when the configuration changes (rolling credentials).
/// </summary>
internal sealed class KitAccessTokens : BearerTokenSource, IDisposable
{
    internal const string ExpiredTokenMessage = "The access token expired";

    private readonly IOptionsMonitor<KitOptions> _options;
    private readonly IDisposable? _subscription;

    public KitAccessTokens(IOptionsMonitor<KitOptions> options, TimeProvider time)
        : base(time, TimeSpan.Zero)
    {
        _options = options;
        _subscription = options.OnChange((_, _) => Clear());
    }

    public void Dispose() => _subscription?.Dispose();

    protected override async ValueTask<AccessToken> AcquireTokenAsync(string? rejectedToken, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        if (rejectedToken is null && !string.IsNullOrWhiteSpace(options.AccessToken))
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

    protected override async ValueTask<bool> ShouldRenewAsync(HttpResponseMessage unauthorized, CancellationToken cancellationToken)
    {
        if (_options.CurrentValue.RefreshAccessToken is null)
        {
            return false;
        }

        var body = await unauthorized.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return body.Contains(ExpiredTokenMessage, StringComparison.OrdinalIgnoreCase);
    }
}
