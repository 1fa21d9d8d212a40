namespace PurchaseSdk.Drip;

/// <summary>
/// The Drip subscriber of a purchase, by Drip's subscriber id. Without it the purchase goes to the subscriber with
/// the customer's email address.
/// </summary>
public sealed class DripSubscriberContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="subscriberId">Drip's subscriber id.</param>
    public DripSubscriberContext(string subscriberId) => SubscriberId = subscriberId;

    /// <summary>Drip's subscriber id.</summary>
    public string SubscriberId { get; }

    /// <summary>Describes the context.</summary>
    public override string ToString() => $"DripSubscriberContext {{ SubscriberId = {SubscriberId} }}";
}
