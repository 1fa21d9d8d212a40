using System.Net.Http;
using System.Net.Http.Headers;
using PurchaseSdk.Http;

namespace PurchaseSdk.Kit;

/// <summary>
/// Sends Kit's OAuth bearer token, and renews it once when Kit answers <c>401</c> with
/// <c>The access token expired</c> (not when it says the token is invalid: renewing cannot help then).
/// </summary>
internal sealed class KitAuthenticationHandler : ProviderAuthenticationHandler
{
    internal const string ExpiredTokenMessage = "The access token expired";

    private readonly KitAccessTokens _tokens;

    public KitAuthenticationHandler(KitAccessTokens tokens) => _tokens = tokens;

    protected override async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.Cache.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    protected override async ValueTask<bool> TryRenewAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!_tokens.CanRefresh)
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!body.Contains(ExpiredTokenMessage, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rejected = request.Headers.Authorization?.Parameter ?? string.Empty;
        await _tokens.Cache.RenewAsync(rejected, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
