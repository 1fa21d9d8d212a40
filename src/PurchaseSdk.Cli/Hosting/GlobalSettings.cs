namespace PurchaseSdk.Cli.Hosting;

/// <summary>The options every command takes.</summary>
internal sealed class GlobalSettings
{
    /// <summary><c>--config FILE</c>: read settings from this JSON file instead of <c>appsettings.json</c>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>--user-secrets-id ID</c>: whose user secrets to read (default: the project file's in the current folder).</summary>
    public string? UserSecretsId { get; init; }

    /// <summary><c>--sandbox</c>: every provider points at the embedded sandbox.</summary>
    public bool Sandbox { get; init; }

    /// <summary><c>--verbose</c>: the SDK's logs on standard error.</summary>
    public bool Verbose { get; init; }
}
