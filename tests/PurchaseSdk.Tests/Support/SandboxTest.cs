using PurchaseSdk.Http;
using PurchaseSdk.Testing;

namespace PurchaseSdk.Tests.Support;

/// <summary>A test against a fresh <see cref="PurchaseSandbox"/> whose clock is a fresh <see cref="TestClock"/>, also the SDK's.</summary>
public abstract class SandboxTest
{
    /// <summary>The sandbox, on a free loopback port.</summary>
    protected PurchaseSandbox Sandbox { get; private set; } = null!;

    /// <summary>The injected clock, of the sandbox and of the SDKs a test builds.</summary>
    internal TestClock Clock { get; private set; } = null!;

    [SetUp]
    public void StartSandbox()
    {
        Clock = new TestClock();
        Sandbox = PurchaseSandbox.Start(new PurchaseSandboxOptions { Time = Clock });
    }

    [TearDown]
    public void StopSandbox() => Sandbox.Dispose();

    /// <summary>Every provider, pointed at the sandbox (<see cref="Sdk.BuildWithSandbox"/>).</summary>
    internal ServiceProvider BuildWithSandbox(Action<PurchaseProviderOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        Sdk.BuildWithSandbox(Sandbox, Clock, services, configure);

    /// <summary><paramref name="purchase"/> with the context of every provider that needs one, as the sandbox accepts them.</summary>
    protected Purchase WithSandboxContexts(Purchase purchase) => purchase.WithContexts(Sandbox.CreateContexts());
}
