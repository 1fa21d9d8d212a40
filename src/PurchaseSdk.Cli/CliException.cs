namespace PurchaseSdk.Cli;

/// <summary>An error the tool reports as one line with its exit code.</summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message)
        : base(message) => ExitCode = exitCode;

    public CliException()
        : this(ExitCodes.Internal, "Unexpected error.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Internal, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Internal;

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }
}
