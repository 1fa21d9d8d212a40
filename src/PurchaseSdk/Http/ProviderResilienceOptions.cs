namespace PurchaseSdk.Http;

/// <summary>
/// Retry, timeout and circuit-breaker settings of one provider (bound from
/// <c>PurchaseSdk:&lt;Provider&gt;:Resilience</c>). No Polly type appears here: the SDK builds the pipeline.
/// </summary>
/// <remarks>
/// What is retried: a request that certainly did not reach the provider (connection refused, DNS failure, 408, 429,
/// 503) is retried with exponential backoff and jitter, honouring <c>Retry-After</c>. A read (GET) is also retried
/// after failures that may have been processed (500, 502, 504, timeouts). A create (POST) is not, unless
/// <see cref="RetryUnsafeRequests"/> is set. Other 4xx answers are never retried.
/// </remarks>
public sealed class ProviderResilienceOptions
{
    /// <summary>How many times a failed request may be retried (0 turns retries off). Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; it doubles with each retry, with jitter. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest computed backoff delay. Default 15 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The longest <c>Retry-After</c> the SDK waits for. A longer one fails the call at once, with
    /// <see cref="ProviderRequestException.RetryAfter"/> set. Default 30 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait for a connection to the provider (TCP and TLS). A request whose connection never completes
    /// was not sent, so it is retried like any not-processed failure. Default 5 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The timeout of one attempt, its answer's body included. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The one deadline of a provider's part of a report: every request, token request, look-up, body read and wait
    /// between retries inside it. For a typed client used directly, the deadline of each call. Default 30 s.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries creates (POST) after failures that may have been processed (500, 502, 504, a timeout after
    /// sending). Off by default because it <b>risks duplicate records</b> at the provider.
    /// </summary>
    public bool RetryUnsafeRequests { get; set; }

    /// <summary>The circuit breaker that fails fast while the provider is down.</summary>
    public ProviderCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}
