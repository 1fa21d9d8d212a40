using System.Collections.ObjectModel;

namespace PurchaseSdk;

/// <summary>The shared empty, read-only property bag used as a default.</summary>
internal static class EmptyProperties
{
    public static readonly IReadOnlyDictionary<string, string> Instance =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());
}
