namespace PurchaseSdk.Delivery;

/// <summary>One delivery: one purchase to one provider, and where it stands.</summary>
public sealed class DeliveryRecord
{
    /// <summary>The delivery's id in the store.</summary>
    public required long Id { get; init; }

    /// <summary>The purchase's order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>The provider (for example <c>Kit</c>).</summary>
    public required string Provider { get; init; }

    /// <summary>Where it stands.</summary>
    public required DeliveryState State { get; init; }

    /// <summary>When the purchase was enqueued.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>When the delivery last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When a pending delivery is due for its next attempt; null in any other state.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>When it reached <see cref="DeliveryState.Succeeded"/>, <see cref="DeliveryState.Skipped"/>, <see cref="DeliveryState.Failed"/> or <see cref="DeliveryState.Cancelled"/>; null otherwise.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Until when a worker holds the delivery (an attempt is under way); null when none does.</summary>
    public DateTimeOffset? LeasedUntil { get; init; }

    /// <summary>How many attempts were started (a purchase whose payload could not be read counts one, with nothing sent).</summary>
    public required int Attempts { get; init; }

    /// <summary>
    /// True when an earlier attempt may have been recorded (its worker stopped mid-call): the next attempt asks the
    /// provider before sending, and a provider that cannot be asked parks the delivery as <see cref="DeliveryState.Indeterminate"/>.
    /// </summary>
    public bool EarlierAttemptMayHaveLanded { get; init; }

    /// <summary>The provider's reference of what it created (the Kit purchase id, the Elastic Path order id, ...).</summary>
    public string? ProviderReference { get; init; }

    /// <summary>The last error, redacted (no secret appears in it).</summary>
    public string? LastError { get; init; }

    /// <summary>What an administrator did, if anything (resolved as delivered, re-sent, re-driven, cancelled).</summary>
    public string? Resolution { get; init; }

    /// <summary>The attempts, oldest first; filled by <see cref="IPurchaseDeliveryAdmin.GetOrderAsync"/> and <see cref="IPurchaseDeliveryAdmin.GetAsync"/>, empty in lists.</summary>
    public IReadOnlyList<DeliveryAttempt> History { get; init; } = [];

    /// <summary>Describes the delivery in one line.</summary>
    public override string ToString() =>
        $"#{Id} {OrderId} → {Provider}: {State}{(ProviderReference is null ? string.Empty : " " + ProviderReference)} ({Attempts} attempt(s))";
}
