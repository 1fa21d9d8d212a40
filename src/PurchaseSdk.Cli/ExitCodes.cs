namespace PurchaseSdk.Cli;

/// <summary>The tool's exit codes (documented in the README's "Command line" section and in <c>--help</c>).</summary>
internal static class ExitCodes
{
    /// <summary>Done: every targeted provider succeeded or was skipped; the purchases are valid; the change was made.</summary>
    public const int Success = 0;

    /// <summary>The work ran but did not fully succeed: a provider failed or is indeterminate, a delivery did not succeed, a preview could not be built.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong (unknown command or option, missing argument, conflicting options).</summary>
    public const int Usage = 2;

    /// <summary>The input is wrong: a file that cannot be read, JSON or CSV that cannot be parsed, an invalid purchase.</summary>
    public const int InvalidInput = 3;

    /// <summary>The configuration is wrong or missing: no provider configured, a setting invalid, no delivery store.</summary>
    public const int Configuration = 4;

    /// <summary>Nothing to act on: the order is not in the delivery store, or no delivery is in a state that allows the change.</summary>
    public const int NotFound = 5;

    /// <summary>An unexpected error (a bug): the message says what happened.</summary>
    public const int Internal = 70;

    /// <summary>Stopped by Ctrl+C (SIGINT) or SIGTERM; what was done is kept, nothing is half written.</summary>
    public const int Interrupted = 130;

    /// <summary>The table printed by <c>purchasesdk --help</c>.</summary>
    public const string Help = """
        Exit codes:
          0    success (every targeted provider succeeded or was skipped; input valid; change made)
          1    a provider failed or is indeterminate, or a delivery did not succeed
          2    usage error (unknown command or option, missing or conflicting arguments)
          3    invalid input (unreadable file, bad JSON or CSV, invalid purchase)
          4    configuration error (no provider configured, invalid setting, no delivery store)
          5    nothing to act on (unknown order, no delivery in a state that allows the change)
          70   unexpected error
          130  interrupted (Ctrl+C): what was done is kept; run the same command again to resume
        """;
}
