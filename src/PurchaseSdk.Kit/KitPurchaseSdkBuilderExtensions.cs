using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PurchaseSdk.Http;
using PurchaseSdk.Kit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Kit to PurchaseSdk.</summary>
public static class KitPurchaseSdkBuilderExtensions
{
    /// <summary>
    /// Reports every purchase to Kit and registers <see cref="IKitApi"/>. Settings bind from
    /// <c>PurchaseSdk:Kit</c> (<c>AccessToken</c> is required), then <paramref name="configure"/> applies.
    /// </summary>
    public static IPurchaseSdkBuilder AddKit(this IPurchaseSdkBuilder builder, Action<KitOptions>? configure = null) =>
        builder.AddHttpProvider<KitPurchaseProvider, KitOptions>(KitOptions.ProviderName, static (section, options) => section.Bind(options), configure, static sdk =>
        {
            sdk.Services.TryAddSingleton<KitAccessTokens>();
            sdk.AddProviderHttpClient<IKitApi, KitOptions>(
                KitOptions.ProviderName,
                KitJsonContext.Default,
                authentication: static services => new BearerTokenHandler(services.GetRequiredService<KitAccessTokens>()));
        });
}
