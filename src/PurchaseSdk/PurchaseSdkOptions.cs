namespace PurchaseSdk;

/// <summary>Settings of the SDK as a whole (bound from the <c>PurchaseSdk</c> section).</summary>
public sealed class PurchaseSdkOptions
{
    /// <summary>The configuration section every PurchaseSdk setting lives under: <c>PurchaseSdk</c>.</summary>
    public const string SectionName = "PurchaseSdk";

    /// <summary>
    /// Your application's name (and optionally its URL), put in front of the SDK's User-Agent:
    /// <c>MyShop (www.myshop.example) PurchaseSdk/0.1.0 (...)</c>. Drip asks integrations to name themselves.
    /// </summary>
    public string? ApplicationName { get; set; }
}
