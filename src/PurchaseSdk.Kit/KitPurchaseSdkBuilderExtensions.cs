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
    public static IPurchaseSdkBuilder AddKit(this IPurchaseSdkBuilder builder, Action<KitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.AddProviderOptions(KitOptions.ProviderName, static (section, options) => section.Bind(options), configure))
        {
            return builder;
        }

        builder.Services.TryAddSingleton<KitAccessTokens>();
        builder.AddProviderHttpClient<IKitApi, KitOptions>(
            KitOptions.ProviderName,
            KitJsonContext.Default,
            authentication: static sp => new BearerTokenHandler(sp.GetRequiredService<KitAccessTokens>()));
        builder.AddProvider<KitPurchaseProvider>();
        return builder;
    }
}
