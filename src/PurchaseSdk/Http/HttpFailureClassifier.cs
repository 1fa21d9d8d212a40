using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace PurchaseSdk.Http;

/// <summary>
/// The one place that says what a failed attempt means for the record it tried to create (not processed, maybe
/// processed, permanent), from the answer's status or from the facts the handler closest to the socket recorded.
/// The retry policy, the circuit breaker and the error factory all ask it.
/// </summary>
internal static class HttpFailureClassifier
{
    /// <summary>Classifies an attempt's outcome; null for a success.</summary>
    public static ProviderFailureKind? Classify(Outcome<HttpResponseMessage> outcome, AttemptFacts? facts) =>
        outcome.Exception is { } exception ? Classify(exception, facts)
        : outcome.Result is { } response ? Classify(response.StatusCode)
        : null;

    /// <summary>Classifies a status code; null for a success (1xx-3xx).</summary>
    public static ProviderFailureKind? Classify(HttpStatusCode statusCode)
    {
        var code = (int)statusCode;
        if (code < 400)
        {
            return null;
        }

        return code switch
        {
            408 or 429 or 503 => ProviderFailureKind.NotProcessed,
            501 or 505 => ProviderFailureKind.Permanent,
            >= 500 => ProviderFailureKind.MaybeProcessed,
            _ => ProviderFailureKind.Permanent,
        };
    }

    /// <summary>
    /// Classifies an attempt that ended without an answer. When the request has a body, the facts are exact: not
    /// written means nothing was sent. Without facts (a request with no body), the exception's kind decides.
    /// </summary>
    public static ProviderFailureKind Classify(Exception exception, AttemptFacts? facts) => exception switch
    {
        BrokenCircuitException or RateLimiterRejectedException => ProviderFailureKind.NotProcessed,
        CredentialsUnavailableException credentials => credentials.FailureKind,
        ProviderRequestException provider => provider.FailureKind,
        _ when facts is { RequestWritten: false } && exception is HttpRequestException or TimeoutRejectedException or OperationCanceledException => ProviderFailureKind.NotProcessed,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError }
            when facts is null or { RequestWritten: false } => ProviderFailureKind.NotProcessed,
        _ => ProviderFailureKind.MaybeProcessed,
    };

    /// <summary>
    /// Whether an outcome is evidence that the provider is down (for the circuit breaker): a transport failure or
    /// timeout of the provider's own connection, or a 5xx. Never a refusal (4xx, 429), a caller's cancellation, a
    /// failed token request or a local exception.
    /// </summary>
    public static bool IsOutage(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: { } } => false,
        { Result: { } response } => (int)response.StatusCode >= 500 && Classify(response.StatusCode) != ProviderFailureKind.Permanent,
        _ => false,
    };

    /// <summary>Whether a request with <paramref name="method"/> can be repeated without changing anything.</summary>
    public static bool IsSafeToRepeat(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options;
}
