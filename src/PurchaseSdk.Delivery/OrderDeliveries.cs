namespace PurchaseSdk.Delivery;

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
