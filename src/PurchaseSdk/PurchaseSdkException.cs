namespace PurchaseSdk;

/// <summary>The base of every exception PurchaseSdk throws on purpose.</summary>
public class PurchaseSdkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PurchaseSdkException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PurchaseSdkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public PurchaseSdkException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
