using PurchaseSdk.Http;
using PurchaseSdk.Paging;

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

    /// <summary>
    /// Creates or updates <paramref name="orders"/> in one batch (<c>POST /v3/{accountId}/shopper_activity/order/batch</c>),
    /// after checking that there are 1 to <see cref="DripOrderActivityBatch.MaxOrders"/> of them: nothing is sent
    /// otherwise. Split larger sets into several batches; Drip allows 50 batch calls an hour.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">There are no orders, or more than 1,000.</exception>
    public static Task<DripShopperActivityBatchResult> CreateOrderActivitiesAsync(this IDripApi api, PathSegment accountId, IReadOnlyCollection<DripOrderActivity> orders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count is < 1 or > DripOrderActivityBatch.MaxOrders)
        {
            throw new ArgumentOutOfRangeException(
                nameof(orders),
                orders.Count,
                "A Drip order batch holds 1 to 1,000 orders.");
        }

        return api.CreateOrderActivityBatchAsync(accountId, new DripOrderActivityBatch { Orders = [.. orders] }, cancellationToken);
    }
}
