using Microsoft.Extensions.Configuration;
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
    public static IPurchaseSdkBuilder AddRundl(this IPurchaseSdkBuilder builder, Action<RundlOptions>? configure = null) =>
        builder.AddHttpProvider<RundlPurchaseProvider, RundlOptions>(RundlOptions.ProviderName, static (section, options) => section.Bind(options), configure, static sdk =>
        {
            sdk.AddProviderHttpClient<IRundlApi, RundlOptions>(
                RundlOptions.ProviderName,
                RundlJsonContext.Default,
                RundlHttpBehavior.Instance,
                HeaderAuthenticationHandler.For<RundlOptions>("Authorization", static o => o.AuthorizationHeader()));
            sdk.AddContextType("Rundl.Checkout", RundlJsonContext.Default.RundlCheckoutContext);
        });
}
