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
