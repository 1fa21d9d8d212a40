using Refit;

namespace PurchaseSdk.Kit;

/// <summary>
/// Kit's v4 purchases API (https://api.kit.com), resolvable from DI after <c>AddKit()</c>. It shares the provider's
/// pipeline: OAuth bearer token, retries, timeouts, and <see cref="ProviderRequestException"/> on failure.
/// </summary>
/// <remarks>Kit purchases accept OAuth tokens only; an API key (<c>X-Kit-Api-Key</c>) is refused.</remarks>
public interface IKitApi
{
    /// <summary>Creates a purchase (and any product that does not exist yet): <c>POST /v4/purchases</c>.</summary>
    /// <param name="request">The purchase, wrapped as Kit expects.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created purchase, with Kit's id.</returns>
    [Post("/v4/purchases")]
    Task<KitPurchaseEnvelope> CreatePurchaseAsync([Body] KitPurchaseEnvelope request, CancellationToken cancellationToken = default);

    /// <summary>Lists purchases, one page: <c>GET /v4/purchases</c>.</summary>
    /// <param name="after">The <c>end_cursor</c> of the previous page, for the next page.</param>
    /// <param name="before">The <c>start_cursor</c> of the next page, for the previous page.</param>
    /// <param name="perPage">The page size (Kit's default 500, maximum 1000).</param>
    /// <param name="includeTotalCount"><c>true</c> to have Kit count all purchases (slower).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Get("/v4/purchases")]
    Task<KitPurchasePage> ListPurchasesAsync(
        [AliasAs("after")] string? after = null,
        [AliasAs("before")] string? before = null,
        [AliasAs("per_page")] int? perPage = null,
        [AliasAs("include_total_count")] bool? includeTotalCount = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets one purchase: <c>GET /v4/purchases/{id}</c>.</summary>
    /// <param name="id">Kit's purchase id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Get("/v4/purchases/{id}")]
    Task<KitPurchaseEnvelope> GetPurchaseAsync(long id, CancellationToken cancellationToken = default);
}
