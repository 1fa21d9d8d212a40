using System.Text.Json.Nodes;
using Spectre.Console.Testing;

namespace PurchaseSdk.Cli.Tests.Support;

/// <summary>What one run of the tool printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("no JSON");

    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Out}\n--- error ---\n{Error}";
}

/// <summary>
/// Runs <c>purchasesdk</c> in this process through its entry point (<see cref="CliApp.RunAsync"/>), with Spectre test
/// consoles as redirected output (no colour, no animation), a working folder of its own holding the delivery store and the
/// data-protection keys, environment variables of the test's choosing and a sandbox the test owns.
/// </summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner(PurchaseSandbox? sandbox = null)
    {
        Sandbox = sandbox;
        Folder = Directory.CreateTempSubdirectory("purchasesdk-cli-").FullName;
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PurchaseSdk__Delivery__Sqlite__ConnectionString"] = "Data Source=deliveries.db",
            ["DataProtection__KeysDirectory"] = "keys",
            ["DataProtection__ApplicationName"] = "cli-tests",
            // The SDK's own request budgets (Kit 600 a minute, Elastic Path 100 a second) would make a 2,000-purchase
            // backfill take minutes; the rate-limit tests of the library cover them.
            ["PurchaseSdk__Kit__RateLimit__Enabled"] = "false",
            ["PurchaseSdk__ElasticPath__RateLimit__Enabled"] = "false",
            ["PurchaseSdk__Drip__RateLimit__Enabled"] = "false",
            ["PurchaseSdk__Drip__BatchRateLimit__Enabled"] = "false",
        };
    }

    public PurchaseSandbox? Sandbox { get; }

    /// <summary>The working folder: relative paths, appsettings.json and the store live here.</summary>
    public string Folder { get; }

    public Dictionary<string, string> Environment { get; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string Write(string name, string content)
    {
        File.WriteAllText(PathOf(name), content);
        return name;
    }

    public string CopySample(string name)
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Samples", name), PathOf(name), overwrite: true);
        return name;
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, null, CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, ICliObserver? observer, CancellationToken cancellationToken, string input = "")
    {
        // As the process sets them up when its output is redirected: no ANSI, ASCII borders, no animation.
        using var output = new TestConsole().Width(200);
        using var error = new TestConsole().Width(200);
        foreach (var console in new[] { output, error })
        {
            console.Profile.Capabilities.Ansi = false;
            console.Profile.Capabilities.Unicode = false;
            console.Profile.Capabilities.Interactive = false;
        }

        var context = new CliContext
        {
            Out = output,
            Error = error,
            Animate = false,
            WorkingDirectory = Folder,
            Environment = Environment,
            In = new StringReader(input),
            Sandbox = Sandbox,
            Time = Time,
            Observer = observer,
        };
        var exit = await CliApp.RunAsync(args, context, cancellationToken).WaitAsync(TimeSpan.FromMinutes(3));
        return new CliResult(exit, output.Output, error.Output);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a busy machine: the temp folder is cleaned by the system.
        }
    }
}
