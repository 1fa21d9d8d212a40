using Microsoft.Extensions.Configuration;
using PurchaseSdk.Drip;
using PurchaseSdk.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Drip to PurchaseSdk.</summary>
public static class DripPurchaseSdkBuilderExtensions
{
    /// <summary>
    /// Records every purchase with its Drip subscriber, and registers <see cref="IDripApi"/>. Settings bind from
    /// <c>PurchaseSdk:Drip</c> (<c>AccountId</c>, and <c>ApiKey</c> or <c>AccessToken</c>, are required), then
    /// <paramref name="configure"/> applies. Set <c>PurchaseSdk:ApplicationName</c>: Drip asks integrations to name
    /// themselves in the User-Agent.
    /// </summary>
    public static IPurchaseSdkBuilder AddDrip(this IPurchaseSdkBuilder builder, Action<DripOptions>? configure = null) =>
        builder.AddHttpProvider<DripPurchaseProvider, DripOptions>(DripOptions.ProviderName, static (section, options) => section.Bind(options), configure, static sdk =>
        {
            sdk.AddProviderHttpClient<IDripApi, DripOptions>(
                DripOptions.ProviderName,
                DripJsonContext.Default,
                DripHttpBehavior.Instance,
                HeaderAuthenticationHandler.For<DripOptions>("Authorization", static o => o.AuthorizationHeader()));
            sdk.AddContextType("Drip.Subscriber", DripJsonContext.Default.DripSubscriberContext);
        });
}
