using System.Net;
using System.Net.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PurchaseSdk.Http;

/// <summary>
/// Says what a failed attempt means for the record it tried to create (DESIGN.md §5): certainly not processed,
/// maybe processed, or refused for good.
/// </summary>
internal static class HttpFailureClassifier
{
    /// <summary>Classifies an answer; null for a success.</summary>
    public static ProviderFailureKind? Classify(HttpResponseMessage response) => Classify(response.StatusCode);

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
            500 or 502 or 504 => ProviderFailureKind.MaybeProcessed,
            501 or 505 => ProviderFailureKind.Permanent,
            >= 500 => ProviderFailureKind.MaybeProcessed,
            _ => ProviderFailureKind.Permanent,
        };
    }

    /// <summary>Classifies a transport failure.</summary>
    public static ProviderFailureKind Classify(Exception exception) => exception switch
    {
        BrokenCircuitException => ProviderFailureKind.NotProcessed,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } => ProviderFailureKind.NotProcessed,
        TimeoutRejectedException => ProviderFailureKind.MaybeProcessed,
        _ => ProviderFailureKind.MaybeProcessed,
    };

    /// <summary>Whether a request with <paramref name="method"/> can be repeated without changing anything.</summary>
    public static bool IsSafeToRepeat(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options;
}
