using System.Globalization;
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

    public override string? TokenRequestDescription =>
        $"Requests an access token first (POST {_options.CurrentValue.BaseAddress?.AbsoluteUri.TrimEnd('/')}/oauth/access_token, {(_options.CurrentValue.GrantType == ElasticPathGrantType.Implicit ? "implicit" : "client credentials")}) unless a valid one is cached.";

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
    /// the fallback; neither means a token without expiry. A lifetime that is not positive or beyond ten years cannot
    /// be believed: the token request counts as failed (so the checkout it was for is not sent), never as an exception
    /// of the date arithmetic.
    /// </summary>
    private DateTimeOffset? ExpiresAt(ElasticPathAccessToken issued)
    {
        var now = _time.GetUtcNow();
        if (issued.ExpiresIn is { } seconds)
        {
            return seconds is > 0 and <= LongestLifetimeSeconds
                ? now.AddSeconds(seconds)
                : throw Unbelievable(string.Create(CultureInfo.InvariantCulture, $"expires_in = {seconds}"));
        }

        if (issued.Expires is { } unix)
        {
            var lifetime = unix - now.ToUnixTimeSeconds();
            return lifetime is > 0 and <= LongestLifetimeSeconds
                ? DateTimeOffset.FromUnixTimeSeconds(unix)
                : throw Unbelievable(string.Create(CultureInfo.InvariantCulture, $"expires = {unix}, {lifetime} s from now"));
        }

        return null;
    }

    private const long LongestLifetimeSeconds = 10L * 365 * 24 * 3600;

    private static ProviderRequestException Unbelievable(string what) =>
        new(ElasticPathOptions.ProviderName, $"Elastic Path issued an access token whose lifetime cannot be believed ({what}).", ProviderFailureKind.MaybeProcessed);
}
