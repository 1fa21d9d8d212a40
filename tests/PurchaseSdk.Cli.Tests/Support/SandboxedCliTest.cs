namespace PurchaseSdk.Cli.Tests.Support;

/// <summary>A test of the tool against a fresh in-process sandbox of every provider, one per test.</summary>
public abstract class SandboxedCliTest
{
    /// <summary>The sandbox the tool's <c>--sandbox</c> runs against.</summary>
    protected PurchaseSandbox Sandbox { get; private set; } = null!;

    /// <summary>Runs the tool in-process in a temporary working folder.</summary>
    internal CliRunner Cli { get; private set; } = null!;

    [SetUp]
    public void StartSandbox()
    {
        Sandbox = PurchaseSandbox.Start();
        Cli = new CliRunner(Sandbox);
    }

    [TearDown]
    public void StopSandbox()
    {
        Cli.Dispose();
        Sandbox.Dispose();
    }
}
