using System.Net;

namespace PurchaseSdk;

/// <summary>
/// A call to a provider failed: an error answer, a transport failure, a timeout, an open circuit, or an answer that
/// could not be read. Secrets (keys, tokens, access tokens echoed in bodies) are removed from every property.
/// </summary>
public sealed class ProviderRequestException : PurchaseSdkException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="provider">The provider name (for example <c>Kit</c>).</param>
    /// <param name="message">The full message; it must not contain secrets.</param>
    /// <param name="failureKind">What the failure means for the record the call tried to create.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ProviderRequestException(string provider, string message, ProviderFailureKind failureKind, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        Provider = provider;
        FailureKind = failureKind;
    }

    /// <summary>The provider that failed.</summary>
    public string Provider { get; }

    /// <summary>The HTTP status of the answer, or null when no answer was received.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The provider's own error code, when its error body has one (Drip's <c>presence_error</c>, ...).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The messages of the provider's error body, in order.</summary>
    public IReadOnlyList<string> ProviderMessages { get; init; } = [];

    /// <summary>The provider's request id, when it sent one (header or body).</summary>
    public string? RequestId { get; init; }

    /// <summary>What the failure means for the record the call tried to create.</summary>
    public ProviderFailureKind FailureKind { get; }

    /// <summary>Whether trying again later can succeed (everything but <see cref="ProviderFailureKind.Permanent"/>).</summary>
    public bool IsTransient => FailureKind != ProviderFailureKind.Permanent;

    /// <summary>
    /// Whether sending the same request again cannot create a second record: a read, or a create the provider
    /// upserts by the order id (Drip's shopper activity). A maybe-processed failure of such a request is safe to
    /// retry later.
    /// </summary>
    public bool IsSafeToRepeat { get; init; }

    /// <summary>
    /// True when the call failed while obtaining credentials (a token request, or a token refresh callback), so the
    /// request itself was not sent. <see cref="FailureKind"/> then says whether trying again later can help.
    /// </summary>
    public bool IsAuthenticationFailure { get; init; }

    /// <summary>How long the provider asked to wait before the next call, when it said so.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The start of the answer body (truncated, secrets removed), for diagnosis.</summary>
    public string? ResponseExcerpt { get; init; }
}
