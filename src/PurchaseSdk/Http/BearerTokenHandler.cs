using System.Net.Http.Headers;

namespace PurchaseSdk.Http;

/// <summary>
/// Sends <c>Authorization: Bearer …</c> from a <see cref="BearerTokenSource"/>, and when the provider answers
/// <c>401</c> renews the token once and repeats the request once (the model of Azure.Core's
/// <c>BearerTokenAuthenticationPolicy</c>). Kit and Elastic Path use it; so can your own provider.
/// </summary>
public sealed class BearerTokenHandler : ProviderAuthenticationHandler
{
    private readonly BearerTokenSource _source;
    private AuthenticationHeaderValue? _header;

    /// <summary>Creates the handler.</summary>
    /// <param name="source">The provider's token source (a singleton).</param>
    public BearerTokenHandler(BearerTokenSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <inheritdoc />
    protected override async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ProviderCallScope.Current?.Preview is { } preview)
        {
            // A dry run requests no token: it shows where one would come from.
            if (_source.TokenRequestDescription is { } description)
            {
                preview.Note(description);
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecretRedactor.Mask);
            return;
        }

        var token = await _source.GetTokenAsync(cancellationToken).ConfigureAwait(false);

        // The header value is immutable: every request with the same token shares one.
        var header = _header;
        if (header is null || !string.Equals(header.Parameter, token, StringComparison.Ordinal))
        {
            _header = header = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.Authorization = header;
    }

    /// <inheritdoc />
    protected override async ValueTask<bool> TryRenewAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await _source.ShouldRenewAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await _source.RenewAsync(request.Headers.Authorization?.Parameter ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
