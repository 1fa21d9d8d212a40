using PurchaseSdk.Testing;

namespace PurchaseSdk.Tests.Reliability;

/// <summary>The sandbox half of the provider table (the net8.0 test project, which has no sandbox, leaves it out).</summary>
public abstract partial class ProviderCase
{
    /// <summary>The provider's emulator in <paramref name="sandbox"/>.</summary>
    public SandboxProvider In(PurchaseSandbox sandbox) => sandbox.Get(Name);
}
