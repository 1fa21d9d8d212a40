namespace PurchaseSdk;

/// <summary>
/// Narrows one call of <see cref="IPurchaseReporter.ReportAsync(Purchase, PurchaseReportOptions, CancellationToken)"/>:
/// which providers to report to, and whether an earlier report of the same purchase may already have landed.
/// </summary>
public sealed class PurchaseReportOptions
{
    /// <summary>Every registered provider, sent for the first time (what <c>ReportAsync(purchase)</c> does).</summary>
    public static PurchaseReportOptions AllProviders { get; } = new();

    /// <summary>
    /// The names of the providers to report to (for example <c>["Kit"]</c>), compared without regard to case; null
    /// (the default) means every registered provider. A name that is not registered is an
    /// <see cref="ArgumentException"/> and nothing is sent.
    /// </summary>
    public IReadOnlyCollection<string>? Providers { get; init; }

    /// <summary>
    /// True when an earlier report of this purchase to these providers may have been processed without its outcome
    /// being known (for example a delivery worker that stopped in the middle of a call). Each provider then calls
    /// <see cref="Providers.IPurchaseProvider.ReportAfterUncertainAttemptAsync"/> instead of sending blindly: a provider
    /// that can be asked looks the purchase up first, a provider that upserts sends again, and any other ends
    /// <see cref="ProviderOutcomeStatus.Indeterminate"/> without sending. Default false.
    /// </summary>
    public bool EarlierAttemptMayHaveLanded { get; init; }
}
