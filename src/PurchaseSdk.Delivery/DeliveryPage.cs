namespace PurchaseSdk.Delivery;

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
