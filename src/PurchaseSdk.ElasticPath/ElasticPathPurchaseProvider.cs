using PurchaseSdk.Providers;

namespace PurchaseSdk.ElasticPath;

/// <summary>Checks the purchase's cart out into an Elastic Path order; the outcome's reference is the order id.</summary>
internal sealed class ElasticPathPurchaseProvider : IPurchaseProvider
{
    private readonly IElasticPathApi _api;

    public ElasticPathPurchaseProvider(IElasticPathApi api) => _api = api;

    public string Name => ElasticPathOptions.ProviderName;

    public async Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken)
    {
        if (!purchase.Contexts.TryGet<ElasticPathCheckoutContext>(out var context))
        {
            return ProviderResult.Skipped("Elastic Path needs an ElasticPathCheckoutContext (the cart reference and the account or account-management token) on the purchase.");
        }

        var (request, skipReason) = ElasticPathCheckoutMapper.Map(purchase, context);
        if (request is null)
        {
            return ProviderResult.Skipped(skipReason!);
        }

        var token = request.Data.Account is null ? context.AccountManagementToken!.Trim() : null;
        var order = await _api.CheckoutAsync(context.CartReference, request, token, cancellationToken).ConfigureAwait(false);
        return ProviderResult.Succeeded(order.Data?.Id, $"Order {order.Data?.Status ?? "created"}, payment {order.Data?.Payment ?? "unknown"}.");
    }
}
