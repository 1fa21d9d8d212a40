using System.Net;

namespace PurchaseSdk.Http;

/// <summary>
/// The base of a provider's credential handler. It sits inside the retry policy, so every attempt carries current
/// credentials. When obtaining them fails (a token request, a callback that throws), the request is not sent and the
/// failure is reported as an authentication failure that is <em>not processed</em> for the request it was for.
/// </summary>
public abstract class ProviderAuthenticationHandler : DelegatingHandler
{
    /// <summary>Adds the credentials to <paramref name="request"/> (a header, usually).</summary>
    protected abstract ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Called once for a <c>401</c> answer: renew the credentials and return true to repeat the request once, or
    /// return false to let the 401 through. The default lets it through.
    /// </summary>
    /// <param name="request">The request that was refused.</param>
    /// <param name="response">The 401 answer; its body is in memory and may be read.</param>
    /// <param name="cancellationToken">Cancels the renewal.</param>
    protected virtual ValueTask<bool> TryRenewAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);

    /// <inheritdoc />
    protected sealed override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await AuthenticateOrFailAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        bool renewed;
        try
        {
            renewed = await TryRenewAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            response.Dispose();
            throw new CredentialsUnavailableException(exception);
        }

        if (!renewed)
        {
            return response;
        }

        response.Dispose();
        await AuthenticateOrFailAsync(request, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask AuthenticateOrFailAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            await AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new CredentialsUnavailableException(exception);
        }
    }
}
