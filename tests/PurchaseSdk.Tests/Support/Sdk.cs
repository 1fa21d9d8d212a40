using PurchaseSdk.Http;
using PurchaseSdk.Providers;
using PurchaseSdk.Testing;
using PurchaseSdk.Tests.Reliability;
using WireMock.Server;

namespace PurchaseSdk.Tests.Support;

/// <summary>Builds the SDK the way an application does, pointed at a WireMock stub or the sandbox, with a test clock.</summary>
internal static class Sdk
{
    /// <summary>Test resilience: real retries (the default backoff), but timeouts that only a test's own clock moves fire.</summary>
    public static void UseTestResilience(PurchaseProviderOptions options) => LoopbackSdk.UseTestResilience(options);

    public static ServiceProvider Build(TestClock clock, Action<IPurchaseSdkBuilder> addProviders, Action<IServiceCollection>? services = null) =>
        LoopbackSdk.Build(clock, addProviders, services);

    /// <summary>
    /// The SDK with the one provider whose options are <typeparamref name="TOptions"/>, pointed at
    /// <paramref name="server"/> with the <see cref="TestCredentials"/> and test resilience, then <paramref name="configure"/>.
    /// </summary>
    public static ServiceProvider Build<TOptions>(WireMockServer server, TestClock clock, Action<TOptions>? configure = null, Action<IServiceCollection>? services = null)
        where TOptions : PurchaseProviderOptions =>
        LoopbackSdk.Build(ProviderCase.For<TOptions>(), server.Uri(), clock, UseTestResilience, o => configure?.Invoke((TOptions)o), services);

    /// <summary>Every provider of <see cref="ProviderCase.All"/>, pointed at <paramref name="sandbox"/>, with test resilience, then <paramref name="configure"/>.</summary>
    public static ServiceProvider BuildWithSandbox(PurchaseSandbox sandbox, TestClock clock, Action<IServiceCollection>? services = null, Action<PurchaseProviderOptions>? configure = null) =>
        Build(
            clock,
            sdk => ProviderCase.AddEvery(sdk, o =>
            {
                UseTestResilience(o);
                configure?.Invoke(o);
            }).UsePurchaseSandbox(sandbox),
            services);

    /// <summary>The SDK with <paramref name="providers"/> only (hand-written <see cref="IPurchaseProvider"/>s), on <paramref name="clock"/>.</summary>
    public static ServiceProvider WithProviders(TimeProvider clock, params IPurchaseProvider[] providers)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        var sdk = services.AddPurchaseSdk();
        foreach (var provider in providers)
        {
            sdk.AddProvider(provider);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The <typeparamref name="TOptions"/> an application that registers the SDK with <paramref name="register"/> would
    /// run with; a configuration problem throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>.
    /// </summary>
    public static TOptions Options<TOptions>(Action<IServiceCollection> register)
        where TOptions : class
    {
        var services = new ServiceCollection();
        register(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TOptions>>().Value;
    }

    /// <summary>The options of <paramref name="provider"/> an application that registers the SDK with <paramref name="register"/> would run with.</summary>
    public static PurchaseProviderOptions Options(ProviderCase provider, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        using var sdk = services.BuildServiceProvider();
        return provider.OptionsIn(sdk);
    }
}
