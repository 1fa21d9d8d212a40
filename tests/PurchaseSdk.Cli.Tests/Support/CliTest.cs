namespace PurchaseSdk.Cli.Tests.Support;

/// <summary>A test of the tool with no sandbox: a fresh <see cref="CliRunner"/> in a temporary working folder, one per test.</summary>
public abstract class CliTest
{
    /// <summary>Runs the tool in-process in a temporary working folder.</summary>
    internal CliRunner Cli { get; private set; } = null!;

    [SetUp]
    public void StartCli() => Cli = new CliRunner();

    [TearDown]
    public void StopCli() => Cli.Dispose();
}
