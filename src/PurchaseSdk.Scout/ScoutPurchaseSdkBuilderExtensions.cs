using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
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
    public static IPurchaseSdkBuilder AddScout(this IPurchaseSdkBuilder builder, Action<ScoutOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.AddProviderOptions(ScoutOptions.ProviderName, static (section, options) => section.Bind(options), configure))
        {
            return builder;
        }

        static ProviderAuthenticationHandler ApiKey(IServiceProvider services)
        {
            var options = services.GetRequiredService<IOptionsMonitor<ScoutOptions>>();
            return new HeaderAuthenticationHandler("x-api-key", () => options.CurrentValue.ApiKey?.Trim());
        }

        builder.AddProviderHttpClient<IScoutApi, ScoutOptions>(ScoutOptions.ProviderName, ScoutJsonContext.Default, ScoutHttpBehavior.Instance, ApiKey);
        builder.AddProviderHttpClient<IScoutOAuthApi, ScoutOptions>(ScoutOptions.ProviderName, ScoutJsonContext.Default, ScoutHttpBehavior.Instance, ApiKey, static options => options.ApiAddress);
        builder.AddContextType("Scout.User", ScoutJsonContext.Default.ScoutUserContext);
        builder.AddProvider<ScoutPurchaseProvider>();
        return builder;
    }
}
