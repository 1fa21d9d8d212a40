using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
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
    public static IPurchaseSdkBuilder AddDrip(this IPurchaseSdkBuilder builder, Action<DripOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.AddProviderOptions(DripOptions.ProviderName, static (section, options) => section.Bind(options), configure))
        {
            return builder;
        }

        builder.AddProviderHttpClient<IDripApi, DripOptions>(
            DripOptions.ProviderName,
            DripJsonContext.Default,
            DripHttpBehavior.Instance,
            static services =>
            {
                var options = services.GetRequiredService<IOptionsMonitor<DripOptions>>();
                return new HeaderAuthenticationHandler("Authorization", () => options.CurrentValue.AuthorizationHeader());
            });
        builder.AddContextType("Drip.Subscriber", DripJsonContext.Default.DripSubscriberContext);
        builder.AddProvider<DripPurchaseProvider>();
        return builder;
    }
}
