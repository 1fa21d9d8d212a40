namespace PurchaseSdk.Mapping;

/// <summary>Maps a purchase's lines, in order, to a provider's wire items: one array, sized once, no enumerator.</summary>
internal static class PurchaseLines
{
    /// <summary>Maps every line; <paramref name="map"/> gets the line and its 0-based position.</summary>
    public static TItem[] Map<TItem>(Purchase purchase, Func<PurchaseLine, int, TItem> map) =>
        Map(purchase, map, static (line, index, map) => map(line, index));

    /// <summary>
    /// Maps every line; <paramref name="map"/> gets the line, its 0-based position and <paramref name="state"/> (what
    /// the item needs from the purchase, so that the lambda can be static and nothing is captured).
    /// </summary>
    public static TItem[] Map<TState, TItem>(Purchase purchase, TState state, Func<PurchaseLine, int, TState, TItem> map)
    {
        var lines = purchase.Lines;
        var items = new TItem[lines.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = map(lines[i], i, state);
        }

        return items;
    }
}
