namespace PurchaseSdk;

/// <summary>How one provider's part of a report ended.</summary>
public sealed class ProviderOutcome
{
    /// <summary>The provider name (for example <c>Kit</c>).</summary>
    public required string Provider { get; init; }

    /// <summary>How it ended.</summary>
    public required ProviderOutcomeStatus Status { get; init; }

    /// <summary>The provider's id of what was created (the Kit purchase id, the Elastic Path order id, ...).</summary>
    public string? ProviderReference { get; init; }

    /// <summary>
    /// How many HTTP requests were sent to the provider to record the purchase, retries and look-ups included (token
    /// requests are not counted). Zero when nothing was sent: skipped, refused by an open circuit, or a provider that
    /// does not use HTTP.
    /// </summary>
    public int Attempts { get; init; }

    /// <summary>How long the provider's part took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>
    /// A sentence for people: the reason of a skip, the error of a failure, or a note on a success (for example how
    /// many checkouts were posted).
    /// </summary>
    public string? Message { get; init; }

    /// <summary>The error of a failed or indeterminate outcome (usually a <see cref="ProviderRequestException"/>).</summary>
    public Exception? Error { get; init; }

    /// <summary>True for a call the caller's cancellation cut off (see <see cref="PurchaseReportCanceledException"/>).</summary>
    internal bool InterruptedByCaller { get; init; }

    /// <summary>How long the provider asked to wait before trying again, when it said so.</summary>
    public TimeSpan? RetryAfter => (Error as ProviderRequestException)?.RetryAfter;

    /// <summary>Formats the outcome as one line.</summary>
    public override string ToString() =>
        $"{Provider}: {Status}{(ProviderReference is null ? string.Empty : " " + ProviderReference)} " +
        $"({Attempts} attempt(s), {Elapsed.TotalMilliseconds:0} ms){(Message is null ? string.Empty : " - " + Message)}";
}
