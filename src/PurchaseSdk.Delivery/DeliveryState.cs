namespace PurchaseSdk.Delivery;

/// <summary>Where one delivery (one purchase to one provider) stands.</summary>
public enum DeliveryState
{
    /// <summary>Waiting for its next attempt (due now or later), or being attempted under a worker's lease.</summary>
    Pending = 1,

    /// <summary>Done: the provider recorded the purchase (its reference is kept when it returns one).</summary>
    Succeeded = 2,

    /// <summary>Done: the provider was not called because something it needs is missing (for example its context).</summary>
    Skipped = 3,

    /// <summary>
    /// Dead: the provider refused the purchase for good, or it could not be delivered within
    /// <see cref="PurchaseDeliveryOptions.MaxAge"/>, or its stored payload cannot be read. An administrator can re-drive it.
    /// </summary>
    Failed = 4,

    /// <summary>
    /// Parked: an attempt may have been recorded by a provider that cannot be asked, so it is never sent again
    /// automatically. An administrator resolves it, as delivered or as a re-send that accepts the risk of a duplicate.
    /// </summary>
    Indeterminate = 5,

    /// <summary>Done: cancelled by an administrator; never attempted again.</summary>
    Cancelled = 6,
}

/// <summary>How one attempt of a delivery ended.</summary>
public enum DeliveryAttemptOutcome
{
    /// <summary>The attempt is under way (or its worker stopped and its lease has not expired yet).</summary>
    InProgress = 1,

    /// <summary>The provider recorded the purchase.</summary>
    Succeeded = 2,

    /// <summary>The provider was not called: something it needs is missing.</summary>
    Skipped = 3,

    /// <summary>It failed in a way that may pass (not processed, 429, an outage); the delivery was rescheduled.</summary>
    Rescheduled = 4,

    /// <summary>It failed for good (or the delivery ran out of time); the delivery is dead.</summary>
    Failed = 5,

    /// <summary>It may have been recorded and the provider cannot be asked; the delivery is parked.</summary>
    Indeterminate = 6,

    /// <summary>The worker stopped in the middle of the call and its lease expired: the call may have been recorded.</summary>
    LeaseExpired = 7,

    /// <summary>The host shut down in the middle of the call; the next attempt asks before sending again.</summary>
    Interrupted = 8,
}

/// <summary>What an administrative change did.</summary>
public enum DeliveryChangeResult
{
    /// <summary>The delivery was changed.</summary>
    Changed = 1,

    /// <summary>No delivery has that id.</summary>
    NotFound = 2,

    /// <summary>The delivery is not in a state that allows the change (for example re-driving one that did not fail).</summary>
    NotAllowedInCurrentState = 3,
}
