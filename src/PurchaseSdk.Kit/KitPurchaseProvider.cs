using System.Globalization;
using Microsoft.Extensions.Options;
using PurchaseSdk.Providers;

namespace PurchaseSdk.Kit;

/// <summary>Records a purchase as one Kit purchase (<c>POST /v4/purchases</c>) attached to the customer's email.</summary>
internal sealed class KitPurchaseProvider(IKitApi api, IOptionsMonitor<KitOptions> optionsMonitor) : IPurchaseProvider
{
    public string Name => KitOptions.ProviderName;

    public async Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(purchase.Customer?.Email))
        {
            return ProviderResult.Skipped("Kit needs Customer.Email: a Kit purchase belongs to a subscriber's email address.");
        }

        var body = KitPurchaseMapper.Map(purchase, optionsMonitor.CurrentValue.DefaultStatus);
        var created = await api.CreatePurchaseAsync(body, cancellationToken).ConfigureAwait(false);
        var id = created.Purchase?.Id;
        return ProviderResult.Succeeded(id?.ToString(CultureInfo.InvariantCulture));
    }
}
