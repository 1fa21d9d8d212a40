namespace PurchaseSdk.Delivery;

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
