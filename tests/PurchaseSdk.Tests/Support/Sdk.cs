using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Http;
using WireMock.Server;

namespace PurchaseSdk.Tests.Support;

/// <summary>Builds the SDK the way an application does, pointed at a WireMock stub and a test clock.</summary>
internal static class Sdk
{
    public const string KitToken = "kit-oauth-token-0123456789";

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
