namespace PurchaseSdk.Delivery.Storage;

/// <summary><b>For store implementers.</b> How an attempt ended and what the delivery becomes.</summary>
public sealed class DeliveryCompletion
{
    /// <summary>The delivery's new state: <see cref="DeliveryState.Pending"/> to reschedule, or a final or parked state.</summary>
    public required DeliveryState State { get; init; }

    /// <summary>How the attempt ended.</summary>
    public required DeliveryAttemptOutcome Outcome { get; init; }

    /// <summary>With <see cref="DeliveryState.Pending"/>: how long from the store's now until the next attempt is due.</summary>
    public TimeSpan RetryAfter { get; init; }

    /// <summary>
    /// False when nothing was sent and no attempt was marked started (an unreadable payload): the store then records a
    /// new attempt, started and ended now.
    /// </summary>
    public bool AttemptStarted { get; init; } = true;

    /// <summary>The provider's reference, on success.</summary>
    public string? ProviderReference { get; init; }

    /// <summary>The error or note, redacted; becomes the delivery's last error on failure.</summary>
    public string? Message { get; init; }

    /// <summary>How many HTTP requests the attempt sent.</summary>
    public int ProviderAttempts { get; init; }
}
