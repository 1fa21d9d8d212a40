namespace PurchaseSdk.Delivery;

/// <summary>
/// A stored purchase cannot be read back: its schema version is unknown to this version of PurchaseSdk.Delivery, its
/// JSON is damaged, a context type is no longer registered, or its protected contexts cannot be unprotected (the
/// data-protection key ring does not hold the key). The delivery fails with this message; the worker goes on.
/// </summary>
public sealed class DeliveryPayloadException : PurchaseSdkException
{
    /// <summary>Creates the exception.</summary>
    public DeliveryPayloadException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
