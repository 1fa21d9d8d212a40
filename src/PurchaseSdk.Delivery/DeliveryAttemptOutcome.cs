namespace PurchaseSdk.Delivery;

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

    /// <summary>
    /// The call was cut off in the middle (the host shut down, or the call would have outlasted the worker's lease);
    /// the next attempt asks before sending again.
    /// </summary>
    Interrupted = 8,
}
