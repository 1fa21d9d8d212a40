namespace PurchaseSdk.Delivery.Storage;

/// <summary><b>For store implementers.</b> An administrative change of one delivery.</summary>
public enum DeliveryAdminChange
{
    /// <summary>Failed → Pending, due now, a fresh MaxAge window; keeps <see cref="ClaimedDelivery.EarlierAttemptMayHaveLanded"/>.</summary>
    Redrive = 1,

    /// <summary>Indeterminate → Succeeded with the given provider reference.</summary>
    ResolveAsDelivered = 2,

    /// <summary>Indeterminate → Pending, due now, a fresh MaxAge window, sent as a first attempt (the earlier-attempt flag cleared).</summary>
    Resend = 3,

    /// <summary>Pending, Failed or Indeterminate → Cancelled; a live lease is ended, so the worker's result is not recorded.</summary>
    Cancel = 4,
}
