namespace PurchaseSdk.Delivery;

/// <summary>
/// How many deliveries ended (or were parked) in each time bucket of a recent window: the dashboard's chart, or a
/// quick look from the command line. Times are the store's clock.
/// </summary>
public sealed class DeliveryHistory
{
    /// <summary>The start of the first bucket.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>The length of every bucket.</summary>
    public required TimeSpan BucketSize { get; init; }

    /// <summary>Every bucket of the window, oldest first, empty ones included.</summary>
    public required IReadOnlyList<DeliveryHistoryBucket> Buckets { get; init; }
}

/// <summary>The deliveries that ended in one bucket of a <see cref="DeliveryHistory"/>.</summary>
/// <param name="Start">The start of the bucket.</param>
/// <param name="Succeeded">Deliveries that succeeded in it.</param>
/// <param name="Failed">Deliveries that failed for good in it.</param>
/// <param name="Indeterminate">Deliveries parked as indeterminate in it.</param>
public sealed record DeliveryHistoryBucket(DateTimeOffset Start, long Succeeded, long Failed, long Indeterminate);
