namespace PurchaseSdk.Delivery.Tests.Crash;

/// <summary>The crash tests' child process: a child that dies without the awaited output fails the wait at once, with its output.</summary>
public sealed class ChildProcessTests
{
    [Test]
    public async Task A_wait_fails_at_once_with_the_output_when_the_child_exits_without_the_awaited_line()
    {
        // dotnet refuses a program that does not exist, says why, and exits: the awaited line can never come.
        using var child = ChildProcess.Start(Path.Combine(TestContext.CurrentContext.WorkDirectory, "no-such-program.dll"));
        child.Patience = TimeSpan.FromMinutes(5);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => child.WaitForLineAsync("NEVER"));

        Assert.That(failure!.Message, Does.Contain("output ended").And.Contain("no-such-program.dll"));
    }
}
