namespace PurchaseSdk.Delivery;

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
