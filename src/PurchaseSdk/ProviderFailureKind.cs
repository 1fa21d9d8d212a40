namespace PurchaseSdk;

/// <summary>What a failed call to a provider means for the record it tried to create.</summary>
public enum ProviderFailureKind
{
    /// <summary>
    /// The provider certainly did not process the request: the connection failed before sending, or it answered
    /// 408, 429 or 503, or the circuit breaker refused to send. Safe to retry.
    /// </summary>
    NotProcessed = 1,

    /// <summary>
    /// The provider may have processed the request: a timeout after sending, a 500/502/504, a connection reset
    /// mid-response, or a success answer whose body could not be read. Retrying a create may duplicate it.
    /// </summary>
    MaybeProcessed = 2,

    /// <summary>The provider refused the request (any other 4xx); retrying the same request cannot succeed.</summary>
    Permanent = 3,
}
