using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Elastic Path to PurchaseSdk.</summary>
public static class ElasticPathPurchaseSdkBuilderExtensions
{
    /// <summary>
    /// Checks out the cart of every purchase with an <see cref="ElasticPathCheckoutContext"/> into an order, and
    /// registers <see cref="IElasticPathApi"/>. Settings bind from <c>PurchaseSdk:ElasticPath</c> (<c>ClientId</c>,
    /// and <c>ClientSecret</c> for client credentials, are required), then <paramref name="configure"/> applies.
    /// </summary>
    public static IPurchaseSdkBuilder AddElasticPath(this IPurchaseSdkBuilder builder, Action<ElasticPathOptions>? configure = null) =>
        builder.AddHttpProvider<ElasticPathPurchaseProvider, ElasticPathOptions>(ElasticPathOptions.ProviderName, static (section, options) => section.Bind(options), configure, static sdk =>
        {
            sdk.Services.TryAddSingleton<ElasticPathTokens>();
            sdk.AddProviderHttpClient<IElasticPathTokenApi, ElasticPathOptions>(
                ElasticPathOptions.ProviderName,
                ElasticPathJsonContext.Default,
                ElasticPathHttpBehavior.Instance,
                role: ProviderClientRole.TokenEndpoint);
            sdk.AddProviderHttpClient<IElasticPathApi, ElasticPathOptions>(
                ElasticPathOptions.ProviderName,
                ElasticPathJsonContext.Default,
                ElasticPathHttpBehavior.Instance,
                authentication: static services => new BearerTokenHandler(services.GetRequiredService<ElasticPathTokens>()));
            sdk.AddContextType("ElasticPath.Checkout", ElasticPathJsonContext.Default.ElasticPathCheckoutContext);
        });
}
