namespace PurchaseSdk.Delivery;

/// <summary>The number of deliveries to one provider in one state.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="State">The state.</param>
/// <param name="Count">How many.</param>
public sealed record DeliveryCount(string Provider, DeliveryState State, long Count);
