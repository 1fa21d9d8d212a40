namespace PurchaseSdk.Delivery;

/// <summary>What an administrative change did.</summary>
public enum DeliveryChangeResult
{
    /// <summary>The delivery was changed.</summary>
    Changed = 1,

    /// <summary>No delivery has that id.</summary>
    NotFound = 2,

    /// <summary>The delivery is not in a state that allows the change (for example re-driving one that did not fail).</summary>
    NotAllowedInCurrentState = 3,
}
