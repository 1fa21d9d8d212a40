using Microsoft.Extensions.Configuration;
using PurchaseSdk.Http;
using PurchaseSdk.Scout;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Scout to PurchaseSdk.</summary>
public static class ScoutPurchaseSdkBuilderExtensions
{
    /// <summary>
    /// Posts every purchase (with a <see cref="ScoutUserContext"/>) into the buyer's Scout inventory, and registers
    /// <see cref="IScoutApi"/> and <see cref="IScoutOAuthApi"/>. Settings bind from <c>PurchaseSdk:Scout</c>
    /// (<c>ApiKey</c> is required), then <paramref name="configure"/> applies.
    /// </summary>
    public static IPurchaseSdkBuilder AddScout(this IPurchaseSdkBuilder builder, Action<ScoutOptions>? configure = null) =>
        builder.AddHttpProvider<ScoutPurchaseProvider, ScoutOptions>(ScoutOptions.ProviderName, static (section, options) => section.Bind(options), configure, static sdk =>
        {
            var apiKey = HeaderAuthenticationHandler.For<ScoutOptions>("x-api-key", static o => o.ApiKey?.Trim());
            sdk.AddProviderHttpClient<IScoutApi, ScoutOptions>(ScoutOptions.ProviderName, ScoutJsonContext.Default, ScoutHttpBehavior.Instance, apiKey);
            sdk.AddProviderHttpClient<IScoutOAuthApi, ScoutOptions>(ScoutOptions.ProviderName, ScoutJsonContext.Default, ScoutHttpBehavior.Instance, apiKey, static options => options.ApiAddress);
            sdk.AddContextType("Scout.User", ScoutJsonContext.Default.ScoutUserContext);
        });
}
