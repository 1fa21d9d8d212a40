using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Drip;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Http;
using PurchaseSdk.Kit;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;

namespace PurchaseSdk.Tests.Support;

/// <summary>
/// Builds the SDK the way an application does (DI, options, the real socket handler), pointed at a loopback address
/// such as a <see cref="MisbehavingServer"/>, with a <see cref="TestClock"/>. It needs no WireMock, so the net8.0 test
/// project can link it.
/// </summary>
internal static class LoopbackSdk
{
    public const string KitToken = "kit-oauth-token-0123456789";
    public const string ScoutKey = "scout-secret-key-0123456789";
    public const string RundlToken = "rundl-user-token-0123456789";
    public const string DripKey = "drip-api-key-0123456789";
    public const string DripAccount = "9999999";
    public const string ElasticPathClientId = "ep-client-id";
    public const string ElasticPathSecret = "ep-client-secret-0123456789";

    /// <summary>
    /// Resilience for these tests: real retries with short backoff (100 ms, at most 400 ms, which a
    /// <see cref="TestClock"/> skipping waits under 1 s jumps over), and timeouts long enough that only a test's
    /// own clock moves fire them. Tests set shorter timeouts where time is the point.
    /// </summary>
    public static void Patient(PurchaseProviderOptions options)
    {
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(100);
        options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(400);
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

    public static ServiceProvider Kit(Uri address, TestClock clock, Action<KitOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        Build(clock, sdk => sdk.AddKit(o =>
        {
            Patient(o);
            o.BaseAddress = address;
            o.AccessToken = KitToken;
            configure?.Invoke(o);
        }), services);

    public static ServiceProvider Scout(Uri address, TestClock clock, Action<ScoutOptions>? configure = null) =>
        Build(clock, sdk => sdk.AddScout(o =>
        {
            Patient(o);
            o.BaseAddress = address;
            o.ApiAddress = address;
            o.ApiKey = ScoutKey;
            configure?.Invoke(o);
        }));

    public static ServiceProvider Rundl(Uri address, TestClock clock, Action<RundlOptions>? configure = null) =>
        Build(clock, sdk => sdk.AddRundl(o =>
        {
            Patient(o);
            o.BaseAddress = new Uri(address, "api");
            o.AccessToken = RundlToken;
            configure?.Invoke(o);
        }));

    public static ServiceProvider Drip(Uri address, TestClock clock, Action<DripOptions>? configure = null) =>
        Build(clock, sdk => sdk.AddDrip(o =>
        {
            Patient(o);
            o.BaseAddress = address;
            o.AccountId = DripAccount;
            o.ApiKey = DripKey;
            configure?.Invoke(o);
        }));

    public static ServiceProvider ElasticPath(Uri address, TestClock clock, Action<ElasticPathOptions>? configure = null) =>
        Build(clock, sdk => sdk.AddElasticPath(o =>
        {
            Patient(o);
            o.BaseAddress = address;
            o.ClientId = ElasticPathClientId;
            o.ClientSecret = ElasticPathSecret;
            configure?.Invoke(o);
        }));
}
