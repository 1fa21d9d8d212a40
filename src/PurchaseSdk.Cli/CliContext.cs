using PurchaseSdk.Testing;
using Spectre.Console;

namespace PurchaseSdk.Cli;

/// <summary>
/// Where the tool reads and writes: its consoles, working folder and environment. The process builds one from the real
/// console (<see cref="CliApp.RunProcessAsync"/>); tests build one over Spectre test consoles and a folder of their own.
/// </summary>
internal sealed class CliContext
{
    /// <summary>Results: tables, previews, summaries, JSON.</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Errors, warnings and progress.</summary>
    public required IAnsiConsole Error { get; init; }

    /// <summary>Whether progress may be animated (the error stream is a terminal, NO_COLOR is not set, TERM is not dumb).</summary>
    public bool Animate { get; init; }

    /// <summary>The folder that relative paths, <c>appsettings.json</c> and a project's user secrets id are found in.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The environment variables (configuration keys with <c>__</c> for <c>:</c>, and NO_COLOR).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Standard input, for a purchase file named <c>-</c>.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>The clock of waits, time-outs and progress.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>A sandbox that <c>--sandbox</c> uses instead of starting its own (tests inspect what it received); not disposed by the tool.</summary>
    public PurchaseSandbox? Sandbox { get; init; }

    /// <summary>Told about progress, for tests that interrupt a run at a known point.</summary>
    public ICliObserver? Observer { get; init; }

    /// <summary>Resolves <paramref name="path"/> against <see cref="WorkingDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}

/// <summary>Observes a run's progress.</summary>
internal interface ICliObserver
{
    /// <summary>A batch of a backfill was committed: <paramref name="done"/> of <paramref name="total"/> purchases are in the store.</summary>
    void Enqueued(int done, int total);
}
