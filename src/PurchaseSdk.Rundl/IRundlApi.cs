using Refit;

namespace PurchaseSdk.Rundl;

/// <summary>
/// Rundl's checkout API (<c>https://go.rundl.com/api</c>, or staging), resolvable from DI after <c>AddRundl()</c>.
/// Every call carries <c>Authorization: OAuth &lt;token&gt;</c> from <c>PurchaseSdk:Rundl</c>.
/// </summary>
public interface IRundlApi
{
    /// <summary>Creates a checkout for a service's products: <c>POST /checkouts?account={accountId}</c>.</summary>
    /// <param name="accountId">The account the checkout is made in (Rundl's <c>account</c> scope).</param>
    /// <param name="request">The checkout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The full checkout, with its id.</returns>
    [Post("/checkouts")]
    Task<RundlCheckout> CreateCheckoutAsync([AliasAs("account")] long accountId, [Body] RundlCreateCheckoutRequest request, CancellationToken cancellationToken = default);
}
