using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Http;

namespace PurchaseSdk.TestSupport;

/// <summary>The five providers as the delivery tests add them: resilience that a test's clock drives.</summary>
internal static class DeliveryProviders
{
    /// <summary>Scout, Rundl, Kit, Drip and Elastic Path, each with <see cref="Resilience"/>.</summary>
    public static IPurchaseSdkBuilder AddEveryProvider(this IPurchaseSdkBuilder sdk) =>
        sdk.AddScout(Resilience).AddRundl(Resilience).AddKit(Resilience).AddDrip(Resilience).AddElasticPath(Resilience);

    /// <summary>One real retry inside each call, long timeouts that only a test's clock moves (an hour), no circuit breaker between tests.</summary>
    public static void Resilience(PurchaseProviderOptions options)
    {
        options.Resilience.MaxRetries = 1;
        options.Resilience.AttemptTimeout = TimeSpan.FromHours(1);
        options.Resilience.TotalTimeout = TimeSpan.FromHours(2);
        options.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(30);
        options.Resilience.CircuitBreaker.Enabled = false;
    }
}
