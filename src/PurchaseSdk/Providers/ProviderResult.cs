namespace PurchaseSdk.Providers;

/// <summary>What an <see cref="IPurchaseProvider"/> returns when it did not throw.</summary>
public sealed class ProviderResult
{
    private ProviderResult(ProviderOutcomeStatus status, string? reference, string? message, Exception? error)
    {
        Status = status;
        Reference = reference;
        Message = message;
        Error = error;
    }

    /// <summary>The status of the outcome.</summary>
    public ProviderOutcomeStatus Status { get; }

    /// <summary>The provider's id of what was created.</summary>
    public string? Reference { get; }

    /// <summary>A sentence for people.</summary>
    public string? Message { get; }

    /// <summary>The error of a failed or indeterminate result.</summary>
    public Exception? Error { get; }

    /// <summary>The provider recorded the purchase.</summary>
    /// <param name="reference">The provider's id of what was created, if it returns one.</param>
    /// <param name="message">An optional note (for example how many records were created).</param>
    public static ProviderResult Succeeded(string? reference, string? message = null) =>
        new(ProviderOutcomeStatus.Succeeded, reference, message, null);

    /// <summary>The provider was not called because something it needs is missing.</summary>
    /// <param name="reason">What is missing, naming the context type, field or setting.</param>
    public static ProviderResult Skipped(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(ProviderOutcomeStatus.Skipped, null, reason, null);
    }

    /// <summary>The provider did not record the purchase.</summary>
    public static ProviderResult Failed(Exception error, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(ProviderOutcomeStatus.Failed, null, message ?? error.Message, error);
    }

    /// <summary>The purchase may or may not have been recorded, and there is no way to check.</summary>
    public static ProviderResult Indeterminate(Exception error, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(ProviderOutcomeStatus.Indeterminate, null, message ?? error.Message, error);
    }
}
