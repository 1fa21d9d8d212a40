using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PurchaseSdk.Http;
using PurchaseSdk.Rundl;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Rundl to PurchaseSdk.</summary>
public static class RundlPurchaseSdkBuilderExtensions
{
    /// <summary>
    /// Creates a Rundl checkout for every purchase with a <see cref="RundlCheckoutContext"/>, and registers
    /// <see cref="IRundlApi"/>. Settings bind from <c>PurchaseSdk:Rundl</c> (<c>AccessToken</c> is required), then
    /// <paramref name="configure"/> applies.
    /// </summary>
    public static IPurchaseSdkBuilder AddRundl(this IPurchaseSdkBuilder builder, Action<RundlOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.AddProviderOptions(RundlOptions.ProviderName, static (section, options) => section.Bind(options), configure))
        {
            return builder;
        }

        builder.AddProviderHttpClient<IRundlApi, RundlOptions>(
            RundlOptions.ProviderName,
            RundlJsonContext.Default,
            RundlHttpBehavior.Instance,
            authentication: static services =>
            {
                var options = services.GetRequiredService<IOptionsMonitor<RundlOptions>>();
                return new HeaderAuthenticationHandler("Authorization", () => options.CurrentValue.AuthorizationHeader());
            });
        builder.AddContextType("Rundl.Checkout", RundlJsonContext.Default.RundlCheckoutContext);
        builder.AddProvider<RundlPurchaseProvider>();
        return builder;
    }
}
