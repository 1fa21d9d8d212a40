namespace PurchaseSdk.Http;

/// <summary>
/// Obtaining the credentials of a request failed (a token request, or a token callback threw), so the request itself
/// was not sent. The pipeline retries it when <see cref="FailureKind"/> allows and turns it into a
/// <see cref="ProviderRequestException"/> with <see cref="ProviderRequestException.IsAuthenticationFailure"/> set.
/// </summary>
internal sealed class CredentialsUnavailableException : Exception
{
    public CredentialsUnavailableException(Exception innerException)
        : base("The access token could not be obtained.", innerException)
    {
        // A token endpoint that refuses the client for good (400, 401, 403) will refuse it again; anything else
        // (a 5xx, a timeout, an unreadable answer, a callback that threw) may work on another attempt. Either way the
        // request was not sent.
        FailureKind = innerException is ProviderRequestException { FailureKind: ProviderFailureKind.Permanent }
            ? ProviderFailureKind.Permanent
            : ProviderFailureKind.NotProcessed;
        RetryAfter = (innerException as ProviderRequestException)?.RetryAfter;
    }

    public ProviderFailureKind FailureKind { get; }

    public TimeSpan? RetryAfter { get; }
}
