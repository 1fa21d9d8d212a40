using PurchaseSdk.Http;
using PurchaseSdk.Tests.Reliability;

namespace PurchaseSdk.Tests.Support;

/// <summary>
/// Builds the SDK the way an application does (DI, options, the real socket handler), pointed at a loopback address
/// such as a <see cref="MisbehavingServer"/>, with a <see cref="TestClock"/>. It needs no WireMock, so the net8.0 test
/// project can link it.
/// </summary>
internal static class LoopbackSdk
{
    /// <summary>Test resilience: real retries, but timeouts long enough that only a test's own clock moves fire them.</summary>
    public static void UseTestResilience(PurchaseProviderOptions options)
    {
        options.Resilience.AttemptTimeout = TimeSpan.FromHours(1);
        options.Resilience.TotalTimeout = TimeSpan.FromHours(2);
        options.Resilience.MaxRetryAfter = TimeSpan.FromMinutes(5);
    }

    /// <summary>
    /// <see cref="UseTestResilience"/> with short backoff (100 ms, at most 400 ms, which a <see cref="TestClock"/>
    /// skipping waits under 1 s jumps over), for the misbehaving-server tests. Tests set shorter timeouts where time is
    /// the point.
    /// </summary>
    public static void Patient(PurchaseProviderOptions options)
    {
        UseTestResilience(options);
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(100);
        options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(400);
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

    /// <summary>
    /// The SDK with the one provider whose options are <typeparamref name="TOptions"/> (<see cref="ProviderCase.For{TOptions}"/>),
    /// pointed at <paramref name="address"/> with the <see cref="TestCredentials"/> and <see cref="Patient"/> resilience,
    /// then <paramref name="configure"/>.
    /// </summary>
    public static ServiceProvider Build<TOptions>(Uri address, TestClock clock, Action<TOptions>? configure = null, Action<IServiceCollection>? services = null)
        where TOptions : PurchaseProviderOptions =>
        Build(ProviderCase.For<TOptions>(), address, clock, Patient, o => configure?.Invoke((TOptions)o), services);

    /// <summary>
    /// The SDK with <paramref name="provider"/> alone, pointed at <paramref name="address"/> with the
    /// <see cref="TestCredentials"/> and <paramref name="resilience"/> (<see cref="Patient"/> when none is given), then
    /// <paramref name="configure"/>.
    /// </summary>
    public static ServiceProvider Build(ProviderCase provider, Uri address, TestClock clock, Action<PurchaseProviderOptions>? resilience = null, Action<PurchaseProviderOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        Build(
            clock,
            sdk => provider.AddTo(sdk, o =>
            {
                (resilience ?? Patient)(o);
                provider.PointAt(o, address);
                configure?.Invoke(o);
            }),
            services);
}
