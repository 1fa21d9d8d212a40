using Microsoft.Extensions.Options;
using PurchaseSdk.Http;

namespace PurchaseSdk.ElasticPath;

/// <summary>
/// Elastic Path's access token (providers.md §5.2): requested form-encoded from <c>POST /oauth/access_token</c>,
/// shared by every caller, renewed <see cref="ElasticPathOptions.TokenRenewalMargin"/> before it expires (there is no
/// refresh token), and renewed once when a call is refused with 401.
/// </summary>
internal sealed class ElasticPathTokens
{
    private readonly IElasticPathTokenApi _api;
    private readonly IOptionsMonitor<ElasticPathOptions> _options;
    private readonly TimeProvider _time;

    public ElasticPathTokens(IElasticPathTokenApi api, IOptionsMonitor<ElasticPathOptions> options, TimeProvider time)
    {
        _api = api;
        _options = options;
        _time = time;
        Cache = new AccessTokenCache(AcquireAsync, time, options.CurrentValue.TokenRenewalMargin);
    }

    public AccessTokenCache Cache { get; }

    private async ValueTask<AccessToken> AcquireAsync(string? rejected, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var fields = new List<KeyValuePair<string, string>>(3);
        if (options.GrantType == ElasticPathGrantType.Implicit)
        {
            fields.Add(new("grant_type", "implicit"));
            fields.Add(new("client_id", options.ClientId!.Trim()));
        }
        else
        {
            fields.Add(new("grant_type", "client_credentials"));
            fields.Add(new("client_id", options.ClientId!.Trim()));
            fields.Add(new("client_secret", options.ClientSecret!.Trim()));
        }

        using var form = new FormUrlEncodedContent(fields);
        var issued = await _api.CreateAccessTokenAsync(form, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(issued.AccessToken))
        {
            throw new ProviderRequestException(ElasticPathOptions.ProviderName, "Elastic Path issued no access token.", ProviderFailureKind.Permanent);
        }

        // expires_in is relative, so it does not depend on the two clocks agreeing; expires is the fallback.
        DateTimeOffset? expiresAt = issued.ExpiresIn is { } seconds
            ? _time.GetUtcNow().AddSeconds(seconds)
            : issued.Expires is { } unix ? DateTimeOffset.FromUnixTimeSeconds(unix) : null;
        return new AccessToken(issued.AccessToken, expiresAt);
    }
}
