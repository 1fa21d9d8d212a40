using PurchaseSdk.Http;

namespace PurchaseSdk.Drip;

/// <summary>Conveniences over <see cref="IDripApi"/>.</summary>
public static class DripApiExtensions
{
    /// <summary>
    /// Enumerates every purchase of a subscriber, page by page (<c>page=1, 2, …</c> until <c>meta.total_pages</c>),
    /// fetching pages lazily.
    /// </summary>
    public static IAsyncEnumerable<DripPurchase> ListAllPurchasesAsync(this IDripApi api, PathSegment accountId, PathSegment subscriber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        return PageWalker.EnumerateAsync<DripPurchases, DripPurchase, int?>(
            first: 1,
            fetchPage: (page, ct) => api.ListPurchasesAsync(accountId, subscriber, page, ct),
            itemsOf: static page => page.Purchases,
            nextOf: static (page, current) =>
                page.Purchases is { Count: > 0 } && page.Meta?.TotalPages is { } total && current < total ? current + 1 : null,
            cancellationToken);
    }
}
