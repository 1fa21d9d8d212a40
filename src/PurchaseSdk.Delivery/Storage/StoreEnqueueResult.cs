namespace PurchaseSdk.Delivery.Storage;

/// <summary><b>For store implementers.</b> What <see cref="IDeliveryStore.EnqueueAsync"/> did.</summary>
/// <param name="Created">False when the order id was already stored and nothing was written.</param>
public sealed record StoreEnqueueResult(bool Created);
