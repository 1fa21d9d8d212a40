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

/// <summary>One attempt of a delivery.</summary>
public sealed class DeliveryAttempt
{
    /// <summary>Its number, from 1.</summary>
    public required int Number { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended; null while in progress.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>How it ended.</summary>
    public required DeliveryAttemptOutcome Outcome { get; init; }

    /// <summary>True when it resumed after an uncertain attempt (asking the provider first, or parking without sending).</summary>
    public bool Resumed { get; init; }

    /// <summary>How many HTTP requests it sent to the provider (retries and look-ups included).</summary>
    public int ProviderAttempts { get; init; }

    /// <summary>The provider's reference, when it succeeded with one.</summary>
    public string? ProviderReference { get; init; }

    /// <summary>Its error or note, redacted.</summary>
    public string? Message { get; init; }
}

/// <summary>An order's stored purchase and its deliveries.</summary>
public sealed class OrderDeliveries
{
    /// <summary>The order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>When it was enqueued.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>False once <see cref="IPurchaseDeliveryAdmin.PurgeAsync"/> removed the stored purchase (the order id is kept, so enqueueing it again is still recognised).</summary>
    public required bool HasPayload { get; init; }

    /// <summary>One delivery per provider, each with its attempts.</summary>
    public required IReadOnlyList<DeliveryRecord> Deliveries { get; init; }
}

/// <summary>Which deliveries to list or count; every criterion is optional and they combine with AND.</summary>
public sealed class DeliveryFilter
{
    /// <summary>Only deliveries in this state.</summary>
    public DeliveryState? State { get; init; }

    /// <summary>Only deliveries to this provider (exact name, for example <c>Kit</c>).</summary>
    public string? Provider { get; init; }

    /// <summary>Only deliveries of this order id.</summary>
    public string? OrderId { get; init; }
}

/// <summary>One page of <see cref="IPurchaseDeliveryAdmin.ListAsync"/>: a filter, a page size and where to continue.</summary>
public sealed class DeliveryQuery
{
    /// <summary>Which deliveries.</summary>
    public DeliveryFilter Filter { get; init; } = new();

    /// <summary>How many per page, 1 to 1,000. Default 100.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Continue after this delivery id (the previous page's <see cref="DeliveryPage.NextAfterId"/>); null for the first page.</summary>
    public long? AfterId { get; init; }
}

/// <summary>A page of deliveries, in id order (the order they were enqueued in).</summary>
public sealed class DeliveryPage
{
    /// <summary>Creates a page.</summary>
    public DeliveryPage(IReadOnlyList<DeliveryRecord> items, long? nextAfterId)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        NextAfterId = nextAfterId;
    }

    /// <summary>The deliveries of this page.</summary>
    public IReadOnlyList<DeliveryRecord> Items { get; }

    /// <summary>Pass as <see cref="DeliveryQuery.AfterId"/> for the next page; null on the last page.</summary>
    public long? NextAfterId { get; }
}

/// <summary>Counts of deliveries, for metrics, the health check and dashboards.</summary>
public sealed class DeliveryStatistics
{
    /// <summary>The number of deliveries per provider and state (only non-zero counts).</summary>
    public required IReadOnlyList<DeliveryCount> Counts { get; init; }

    /// <summary>How long the longest-waiting pending delivery has been pending (since enqueued or re-driven), on the store's clock; null when none is pending.</summary>
    public TimeSpan? OldestPendingAge { get; init; }

    /// <summary>The number of deliveries in <paramref name="state"/>, over every provider.</summary>
    public long Count(DeliveryState state)
    {
        long total = 0;
        foreach (var count in Counts)
        {
            if (count.State == state)
            {
                total += count.Count;
            }
        }

        return total;
    }
}

/// <summary>The number of deliveries to one provider in one state.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="State">The state.</param>
/// <param name="Count">How many.</param>
public sealed record DeliveryCount(string Provider, DeliveryState State, long Count);
