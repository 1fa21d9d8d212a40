using PurchaseSdk.Http;
using Refit;

namespace PurchaseSdk.Drip;

/// <summary>
/// Drip's API (<c>https://api.getdrip.com</c>): the v2 purchases endpoints and the v3 shopper activity order endpoints,
/// resolvable from DI after <c>AddDrip()</c>, with Basic (API key) or Bearer (OAuth) credentials from
/// <c>PurchaseSdk:Drip</c>.
/// </summary>
/// <remarks>
/// The subscriber is an id or an email address; it is escaped exactly once (<c>john+test@example.com</c> becomes
/// <c>john%2Btest%40example.com</c>), and a value that would change the path (<c>.</c>, <c>..</c>) is refused
/// before sending. Drip's documents have since retired the purchases endpoints in favour of shopper activity orders,
/// which Drip upserts by provider and order id: those calls are retried after an ambiguous failure (a timeout, a
/// reset, 500, 502, 504) like calls that were not processed.
/// </remarks>
public interface IDripApi
{
    /// <summary>Creates purchases for a subscriber: <c>POST /v2/{accountId}/subscribers/{subscriber}/purchases</c>. Drip answers 201 <c>{}</c>.</summary>
    [Post("/v2/{accountId}/subscribers/{subscriber}/purchases")]
    Task CreatePurchasesAsync(PathSegment accountId, PathSegment subscriber, [Body] DripPurchases purchases, CancellationToken cancellationToken = default);

    /// <summary>Lists a subscriber's purchases, one page: <c>GET /v2/{accountId}/subscribers/{subscriber}/purchases?page=N</c>.</summary>
    [Get("/v2/{accountId}/subscribers/{subscriber}/purchases")]
    Task<DripPurchases> ListPurchasesAsync(PathSegment accountId, PathSegment subscriber, [AliasAs("page")] int? page = null, CancellationToken cancellationToken = default);

    /// <summary>Fetches one purchase: <c>GET /v2/{accountId}/subscribers/{subscriber}/purchases/{purchaseId}</c>; the answer holds one purchase.</summary>
    [Get("/v2/{accountId}/subscribers/{subscriber}/purchases/{purchaseId}")]
    Task<DripPurchases> GetPurchaseAsync(PathSegment accountId, PathSegment subscriber, PathSegment purchaseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or updates an order (Drip upserts by <c>provider</c> and <c>order_id</c>) and records the event of its
    /// <c>action</c>: <c>POST /v3/{accountId}/shopper_activity/order</c>. Drip answers <c>202 {"request_id": …}</c>.
    /// </summary>
    [Post("/v3/{accountId}/shopper_activity/order")]
    Task<DripShopperActivityResult> CreateOrderActivityAsync(PathSegment accountId, [Body] DripOrderActivity order, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or updates 1 to 1,000 orders at once: <c>POST /v3/{accountId}/shopper_activity/order/batch</c> with
    /// <c>{"orders": [...]}</c>. Drip answers <c>202 {"request_ids": [...]}</c>. Prefer
    /// <see cref="DripApiExtensions.CreateOrderActivitiesAsync"/>, which checks the count before sending.
    /// </summary>
    [Post("/v3/{accountId}/shopper_activity/order/batch")]
    Task<DripShopperActivityBatchResult> CreateOrderActivityBatchAsync(PathSegment accountId, [Body] DripOrderActivityBatch batch, CancellationToken cancellationToken = default);
}
