using PurchaseSdk.Http;
using Refit;

namespace PurchaseSdk.ElasticPath;

/// <summary>
/// Elastic Path Commerce Cloud's carts and orders (<c>https://useast.api.elasticpath.com</c> or <c>euwest</c>),
/// resolvable from DI after <c>AddElasticPath()</c>. Every call carries a cached OAuth bearer token, renewed before it
/// expires and once after a 401.
/// </summary>
public interface IElasticPathApi
{
    /// <summary>
    /// Checks a cart out into an order: <c>POST /v2/carts/{reference}/checkout</c>. As an account, put
    /// <see cref="ElasticPathCheckout.Account"/> in the body; as an account member, pass the account-management token
    /// (sent as <c>EP-Account-Management-Authentication-Token</c>). Elastic Path answers 201 (documents) or 200 (spec).
    /// </summary>
    [Post("/v2/carts/{reference}/checkout")]
    Task<ElasticPathOrderResponse> CheckoutAsync(
        PathSegment reference,
        [Body] ElasticPathCheckoutRequest checkout,
        [Header("EP-Account-Management-Authentication-Token")] string? accountManagementToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets an order: <c>GET /v2/orders/{orderId}</c>.</summary>
    [Get("/v2/orders/{orderId}")]
    Task<ElasticPathOrderResponse> GetOrderAsync(PathSegment orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists orders: <c>GET /v2/orders?filter=…&amp;page[limit]=…&amp;page[offset]=…</c>. A filter such as
    /// <c>eq(external_ref,order-42)</c> finds the order of a purchase; see <see cref="ElasticPathFilter"/>.
    /// </summary>
    [Get("/v2/orders")]
    Task<ElasticPathOrderList> ListOrdersAsync(
        [AliasAs("filter")] string? filter = null,
        [AliasAs("page[limit]")] int? limit = null,
        [AliasAs("page[offset]")] int? offset = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a cart: <c>GET /v2/carts/{reference}</c>.</summary>
    [Get("/v2/carts/{reference}")]
    Task<ElasticPathCartResponse> GetCartAsync(PathSegment reference, CancellationToken cancellationToken = default);
}

/// <summary>Elastic Path's token endpoint (no bearer token of its own).</summary>
internal interface IElasticPathTokenApi
{
    /// <summary><c>POST /oauth/access_token</c>, form-encoded.</summary>
    [Post("/oauth/access_token")]
    Task<ElasticPathAccessToken> CreateAccessTokenAsync([Body] FormUrlEncodedContent form, CancellationToken cancellationToken = default);
}
