using Microsoft.Extensions.Options;
using PurchaseSdk.Http;

namespace PurchaseSdk.ElasticPath;

/// <summary>
/// Elastic Path's bearer token (https://elasticpath.dev/docs/authentication/Tokens/client-credential-token):
/// requested form-encoded from <c>POST /oauth/access_token</c>, shared by every caller, renewed
/// <see cref="ElasticPathOptions.TokenRenewalMargin"/> before it expires (there is no refresh token), and renewed once
/// when a call is refused with 401. An expiry that cannot be believed (negative, unreadable, decades away) leaves the
/// token in use until Elastic Path refuses it.
/// </summary>
internal sealed class ElasticPathTokens : BearerTokenSource
{
    private readonly IElasticPathTokenApi _api;
    private readonly IOptionsMonitor<ElasticPathOptions> _options;
    private readonly TimeProvider _time;

    public ElasticPathTokens(IElasticPathTokenApi api, IOptionsMonitor<ElasticPathOptions> options, TimeProvider time)
        : base(time, options.CurrentValue.TokenRenewalMargin)
    {
        _api = api;
        _options = options;
        _time = time;
    }

    protected override async ValueTask<AccessToken> AcquireTokenAsync(string? rejectedToken, CancellationToken cancellationToken)
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
            throw new ProviderRequestException(ElasticPathOptions.ProviderName, "Elastic Path issued no access token.", ProviderFailureKind.MaybeProcessed);
        }

        return new AccessToken(issued.AccessToken, ExpiresAt(issued));
    }

    /// <summary>
    /// <c>expires_in</c> is relative, so it does not depend on the two clocks agreeing; <c>expires</c> (Unix seconds) is
    /// the fallback. Values outside what a date can hold are treated as unknown.
    /// </summary>
    private DateTimeOffset? ExpiresAt(ElasticPathAccessToken issued)
    {
        var now = _time.GetUtcNow();
        if (issued.ExpiresIn is { } seconds)
        {
            return seconds > 0 && seconds <= (long)(DateTimeOffset.MaxValue - now).TotalSeconds ? now.AddSeconds(seconds) : null;
        }

        return issued.Expires is { } unix && unix is > 0 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(unix) : null;
    }
}
