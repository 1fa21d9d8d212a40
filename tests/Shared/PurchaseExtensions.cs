namespace PurchaseSdk.TestSupport;

/// <summary>Builds test purchases: a purchase's contexts are added to it, not set, so a test helper adds a list of them here.</summary>
internal static class PurchaseExtensions
{
    /// <summary>Adds each of <paramref name="contexts"/> to <paramref name="purchase"/> and returns it.</summary>
    public static Purchase WithContexts(this Purchase purchase, IEnumerable<object> contexts)
    {
        foreach (var context in contexts)
        {
            purchase.Contexts.Add(context);
        }

        return purchase;
    }
}
