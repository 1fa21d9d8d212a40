using PurchaseSdk.Http;
using Refit;

namespace PurchaseSdk.Drip;

/// <summary>
/// Drip's v2 purchases API (<c>https://api.getdrip.com</c>), resolvable from DI after <c>AddDrip()</c>, with Basic
/// (API key) or Bearer (OAuth) credentials from <c>PurchaseSdk:Drip</c>.
/// </summary>
/// <remarks>
/// The subscriber is an id or an email address; it is escaped exactly once (<c>john+test@example.com</c> becomes
/// <c>john%2Btest%40example.com</c>), and a value that would change the path (<c>.</c>, <c>..</c>) is refused
/// before sending. Drip's documents have since retired these endpoints in favour of an order endpoint that upserts.
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
}
