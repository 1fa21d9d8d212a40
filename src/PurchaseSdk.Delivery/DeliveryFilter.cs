namespace PurchaseSdk.Delivery;

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
