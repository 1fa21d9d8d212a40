using System.Net;
using System.Net.Http;

namespace PurchaseSdk.Http;

/// <summary>
/// The base of a provider's credential handler. It sits inside the retry policy, so every attempt carries current
/// credentials, and it renews credentials once on a <c>401 Unauthorized</c> and repeats the request.
/// </summary>
public abstract class ProviderAuthenticationHandler : DelegatingHandler
{
    /// <summary>Adds the credentials to <paramref name="request"/> (a header, usually).</summary>
    protected abstract ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Called once for a <c>401</c> answer: renew the credentials and return true to repeat the request, or return
    /// false to let the 401 through. The default lets it through.
    /// </summary>
    /// <param name="request">The request that was refused.</param>
    /// <param name="response">The 401 answer; its body may be read (it stays readable).</param>
    /// <param name="cancellationToken">Cancels the renewal.</param>
    protected virtual ValueTask<bool> TryRenewAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);

    /// <inheritdoc />
    protected sealed override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

#if NET9_0_OR_GREATER
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
#endif
        if (!await TryRenewAsync(request, response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        await AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
