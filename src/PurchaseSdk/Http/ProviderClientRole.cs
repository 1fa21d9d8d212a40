namespace PurchaseSdk.Http;

/// <summary>What a provider's HTTP client is for; it decides how the shared pipeline treats its requests.</summary>
public enum ProviderClientRole
{
    /// <summary>
    /// The provider's API: requests count as attempts, are retried by the one retry policy, and feed the circuit
    /// breaker.
    /// </summary>
    Api = 0,

    /// <summary>
    /// An OAuth token endpoint: its requests are not attempts to record the purchase, are safe to repeat, are retried
    /// by the call they are for (not on their own) and never open the provider's circuit. Their failure is an
    /// authentication failure, not processed for the request it was for.
    /// </summary>
    TokenEndpoint = 1,
}
