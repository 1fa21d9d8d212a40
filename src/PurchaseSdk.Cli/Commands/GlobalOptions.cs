using System.CommandLine;
using PurchaseSdk.Cli.Hosting;

namespace PurchaseSdk.Cli.Commands;

/// <summary>The options of every command (recursive on the root).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Read settings from this JSON file instead of appsettings.json in the current folder (user secrets and environment variables still apply on top).",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string?> UserSecretsId { get; } = new("--user-secrets-id")
    {
        Description = "Read the user secrets with this id (default: the UserSecretsId of the project file in the current folder, if any).",
        HelpName = "ID",
        Recursive = true,
    };

    public Option<bool> Sandbox { get; } = new("--sandbox")
    {
        Description = "Run against the embedded sandbox (all five providers emulated in-process, no account needed) instead of the configured providers.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Write the SDK's logs to standard error.",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Config);
        root.Options.Add(UserSecretsId);
        root.Options.Add(Sandbox);
        root.Options.Add(Verbose);
    }

    public GlobalSettings Read(ParseResult parse) => new()
    {
        ConfigFile = parse.GetValue(Config),
        UserSecretsId = parse.GetValue(UserSecretsId),
        Sandbox = parse.GetValue(Sandbox),
        Verbose = parse.GetValue(Verbose),
    };

    public static Option<string[]> Provider(string description) => new("--provider", "-p")
    {
        Description = description + " Scout, Rundl, Kit, Drip or ElasticPath; repeat the option for several.",
        HelpName = "NAME",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<bool> Json(string description) => new("--json") { Description = description };
}
