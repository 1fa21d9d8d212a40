using System.Runtime.CompilerServices;

namespace PurchaseSdk.Paging;

/// <summary>
/// Walks a paged list endpoint to its end, one page at a time, whatever the provider's paging style (a cursor, a
/// page number, an offset): the provider package says how to fetch a page, where its items are, and what comes
/// next.
/// </summary>
internal static class PageWalker
{
    /// <summary>Enumerates every item of every page, fetching pages lazily.</summary>
    /// <typeparam name="TPage">The page type of the list endpoint.</typeparam>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="TCursor">What selects a page (a cursor string, a page number, an offset).</typeparam>
    /// <param name="first">The cursor of the first page.</param>
    /// <param name="fetchPage">Fetches the page at a cursor.</param>
    /// <param name="itemsOf">The items of a page.</param>
    /// <param name="nextOf">The cursor of the next page, or null at the end.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    public static async IAsyncEnumerable<TItem> EnumerateAsync<TPage, TItem, TCursor>(
        TCursor first,
        Func<TCursor, CancellationToken, Task<TPage>> fetchPage,
        Func<TPage, IEnumerable<TItem>?> itemsOf,
        Func<TPage, TCursor, TCursor?> nextOf,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        ArgumentNullException.ThrowIfNull(itemsOf);
        ArgumentNullException.ThrowIfNull(nextOf);

        var cursor = first;
        var seen = new HashSet<TCursor>();
        while (cursor is not null && seen.Add(cursor))
        {
            var page = await fetchPage(cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in itemsOf(page) ?? [])
            {
                yield return item;
            }

            cursor = nextOf(page, cursor)!;
        }
    }
}
