using PurchaseSdk.Paging;

namespace PurchaseSdk.Kit;

/// <summary>Conveniences over <see cref="IKitApi"/>.</summary>
public static class KitApiExtensions
{
    /// <summary>
    /// Enumerates every purchase, walking Kit's cursor pages (<c>after = end_cursor</c>) until
    /// <c>has_next_page</c> is false. Pages are fetched lazily, as you enumerate.
    /// </summary>
    /// <param name="api">The Kit client.</param>
    /// <param name="perPage">The page size (Kit's default 500, maximum 1000).</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    public static IAsyncEnumerable<KitPurchase> ListAllPurchasesAsync(this IKitApi api, int? perPage = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        return PageWalker.EnumerateAsync<KitPurchasePage, KitPurchase, string>(
            first: string.Empty,
            fetchPage: (cursor, ct) => api.ListPurchasesAsync(after: cursor.Length == 0 ? null : cursor, perPage: perPage, cancellationToken: ct),
            itemsOf: static page => page.Purchases,
            nextOf: static (page, _) => page.Pagination is { HasNextPage: true, EndCursor: { Length: > 0 } next } ? next : null,
            cancellationToken);
    }
}
