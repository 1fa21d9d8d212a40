namespace PurchaseSdk;

/// <summary>How one provider's part of a report ended.</summary>
public enum ProviderOutcomeStatus
{
    /// <summary>The provider recorded the purchase.</summary>
    Succeeded = 1,

    /// <summary>The provider did not record the purchase; see <see cref="ProviderOutcome.Error"/>.</summary>
    Failed = 2,

    /// <summary>
    /// The provider was not called because something it needs is missing (a context, a customer email, an
    /// accepted currency); see <see cref="ProviderOutcome.Message"/>.
    /// </summary>
    Skipped = 3,

    /// <summary>
    /// The request may or may not have been recorded (for example a timeout after the request was sent) and the
    /// provider offers no way to check. It was not retried, to avoid a duplicate; check with the provider.
    /// </summary>
    Indeterminate = 4,
}
