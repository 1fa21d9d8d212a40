using PurchaseSdk.Drip;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Kit;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;
using PurchaseSdk.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Points PurchaseSdk at a <see cref="PurchaseSandbox"/>.</summary>
public static class PurchaseSandboxBuilderExtensions
{
    /// <summary>
    /// Points every provider added to the SDK (before or after this call) at <paramref name="sandbox"/>, with the
    /// credentials it accepts. It replaces addresses and credentials from configuration, and nothing else.
    /// </summary>
    public static IPurchaseSdkBuilder UsePurchaseSandbox(this IPurchaseSdkBuilder builder, PurchaseSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sandbox);
        var credentials = sandbox.Credentials;
        var services = builder.Services;
        services.PostConfigure<KitOptions>(o =>
        {
            o.BaseAddress = sandbox.Kit.Address;
            o.AccessToken = credentials.KitAccessToken;
        });
        services.PostConfigure<ScoutOptions>(o =>
        {
            o.BaseAddress = sandbox.Scout.Address;
            o.ApiAddress = sandbox.Scout.Address;
            o.ApiKey = credentials.ScoutApiKey;
        });
        services.PostConfigure<RundlOptions>(o =>
        {
            o.BaseAddress = new Uri(sandbox.Rundl.Address + "/api");
            o.AccessToken = credentials.RundlAccessToken;
        });
        services.PostConfigure<DripOptions>(o =>
        {
            o.BaseAddress = sandbox.Drip.Address;
            o.AccountId = credentials.DripAccountId;
            o.ApiKey = credentials.DripApiKey;
            o.AccessToken = null;
        });
        services.PostConfigure<ElasticPathOptions>(o =>
        {
            o.BaseAddress = sandbox.ElasticPath.Address;
            o.ClientId = credentials.ElasticPathClientId;
            o.ClientSecret = credentials.ElasticPathClientSecret;
        });
        return builder;
    }
}
