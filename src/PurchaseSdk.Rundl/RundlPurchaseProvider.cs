using System.Globalization;
using PurchaseSdk.Providers;

namespace PurchaseSdk.Rundl;

/// <summary>Records a purchase as one Rundl checkout; the outcome's reference is the checkout id.</summary>
internal sealed class RundlPurchaseProvider : IPurchaseProvider
{
    private readonly IRundlApi _api;

    public RundlPurchaseProvider(IRundlApi api) => _api = api;

    public string Name => RundlOptions.ProviderName;

    public async Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken)
    {
        if (!purchase.Contexts.TryGet<RundlCheckoutContext>(out var context))
        {
            return ProviderResult.Skipped("Rundl needs a RundlCheckoutContext (account id, service id and Rundl product ids) on the purchase.");
        }

        var (request, skipReason) = RundlCheckoutMapper.Map(purchase, context);
        if (request is null)
        {
            return ProviderResult.Skipped(skipReason!);
        }

        var checkout = await _api.CreateCheckoutAsync(context.AccountId, request, cancellationToken).ConfigureAwait(false);
        return ProviderResult.Succeeded(checkout.Id?.ToString(CultureInfo.InvariantCulture));
    }
}
