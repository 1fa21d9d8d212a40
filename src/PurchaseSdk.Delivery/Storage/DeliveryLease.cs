namespace PurchaseSdk.Delivery.Storage;

/// <summary><b>For store implementers.</b> The proof that a claimer holds a delivery: its id and the claim's token.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="Token">The claim's unique token.</param>
public readonly record struct DeliveryLease(long DeliveryId, string Token);
