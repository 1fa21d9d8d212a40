using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Http;
using WireMock.Server;

namespace PurchaseSdk.Tests.Support;

/// <summary>Builds the SDK the way an application does, pointed at a WireMock stub and a test clock.</summary>
internal static class Sdk
{
    public const string KitToken = "kit-oauth-token-0123456789";
    public const string ScoutKey = "scout-secret-key-0123456789";
    public const string RundlToken = "rundl-user-token-0123456789";
    public const string DripKey = "drip-api-key-0123456789";
    public const string DripAccount = "9999999";
    public const string ElasticPathClientId = "ep-client-id";
    public const string ElasticPathSecret = "ep-client-secret-0123456789";

    /// <summary>Points a provider at <paramref name="server"/> with test resilience.</summary>
    public static void PointAt(PurchaseProviderOptions options, WireMockServer server)
    {
        options.BaseAddress = new Uri(server.Url!);
        UseTestResilience(options);
    }

    /// <summary>Test resilience: real retries, but timeouts long enough that only a test's own clock moves fire them.</summary>
    public static void UseTestResilience(PurchaseProviderOptions options)
    {
        options.Resilience.AttemptTimeout = TimeSpan.FromHours(1);
        options.Resilience.TotalTimeout = TimeSpan.FromHours(2);
        options.Resilience.MaxRetryAfter = TimeSpan.FromMinutes(5);
    }

    public static ServiceProvider Build(TestClock clock, Action<IPurchaseSdkBuilder> addProviders, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddLogging();
        services?.Invoke(collection);
        addProviders(collection.AddPurchaseSdk());
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static ServiceProvider BuildScout(WireMockServer server, TestClock clock, Action<PurchaseSdk.Scout.ScoutOptions>? configure = null) =>
        Build(clock, sdk => sdk.AddScout(options =>
        {
            PointAt(options, server);
            options.ApiAddress = new Uri(server.Url!);
            options.ApiKey = ScoutKey;
            configure?.Invoke(options);
        }));

    public static ServiceProvider BuildRundl(WireMockServer server, TestClock clock, Action<PurchaseSdk.Rundl.RundlOptions>? configure = null) =>
        Build(clock, sdk => sdk.AddRundl(options =>
        {
            PointAt(options, server);
            options.BaseAddress = new Uri(server.Url! + "/api");
            options.AccessToken = RundlToken;
            configure?.Invoke(options);
        }));

    public static ServiceProvider BuildDrip(WireMockServer server, TestClock clock, Action<PurchaseSdk.Drip.DripOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        Build(
            clock,
            sdk => sdk.AddDrip(options =>
            {
                PointAt(options, server);
                options.AccountId = DripAccount;
                options.ApiKey = DripKey;
                configure?.Invoke(options);
            }),
            services);

    public static ServiceProvider BuildElasticPath(WireMockServer server, TestClock clock, Action<PurchaseSdk.ElasticPath.ElasticPathOptions>? configure = null) =>
        Build(clock, sdk => sdk.AddElasticPath(options =>
        {
            PointAt(options, server);
            options.ClientId = ElasticPathClientId;
            options.ClientSecret = ElasticPathSecret;
            configure?.Invoke(options);
        }));

    /// <summary>All five providers, pointed at <paramref name="sandbox"/>, with test resilience.</summary>
    public static ServiceProvider BuildWithSandbox(PurchaseSdk.Testing.PurchaseSandbox sandbox, TestClock clock, Action<IServiceCollection>? services = null) =>
        Build(
            clock,
            sdk => sdk
                .AddScout(UseTestResilience)
                .AddRundl(UseTestResilience)
                .AddKit(UseTestResilience)
                .AddDrip(UseTestResilience)
                .AddElasticPath(UseTestResilience)
                .UsePurchaseSandbox(sandbox),
            services);

    public static ServiceProvider BuildKit(WireMockServer server, TestClock clock, Action<PurchaseSdk.Kit.KitOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        Build(
            clock,
            sdk => sdk.AddKit(options =>
            {
                options.BaseAddress = new Uri(server.Url!);
                options.AccessToken = KitToken;
                UseTestResilience(options);
                configure?.Invoke(options);
            }),
            services);
}
