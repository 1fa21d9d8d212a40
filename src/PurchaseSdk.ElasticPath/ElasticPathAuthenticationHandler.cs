using System.Net.Http;
using System.Net.Http.Headers;
using PurchaseSdk.Http;

namespace PurchaseSdk.ElasticPath;

/// <summary>Sends the cached bearer token and, when Elastic Path answers 401, renews it once and repeats the call.</summary>
internal sealed class ElasticPathAuthenticationHandler : ProviderAuthenticationHandler
{
    private readonly ElasticPathTokens _tokens;

    public ElasticPathAuthenticationHandler(ElasticPathTokens tokens) => _tokens = tokens;

    protected override async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.Cache.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    protected override async ValueTask<bool> TryRenewAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await _tokens.Cache.RenewAsync(request.Headers.Authorization?.Parameter ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
