using Microsoft.Extensions.Options;
using PurchaseSdk.Http;
using PurchaseSdk.Providers;

namespace PurchaseSdk.Drip;

/// <summary>
/// Records a purchase with the Drip subscriber of the <see cref="DripSubscriberContext"/>, else of the customer's
/// email address. Drip answers <c>201 {}</c>, so there is no reference.
/// </summary>
internal sealed class DripPurchaseProvider : IPurchaseProvider
{
    private readonly IDripApi _api;
    private readonly IOptionsMonitor<DripOptions> _options;

    public DripPurchaseProvider(IDripApi api, IOptionsMonitor<DripOptions> options)
    {
        _api = api;
        _options = options;
    }

    public string Name => DripOptions.ProviderName;

    public async Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken)
    {
        var subscriber = purchase.Contexts.Get<DripSubscriberContext>()?.SubscriberId ?? purchase.Customer?.Email?.Trim();
        if (string.IsNullOrWhiteSpace(subscriber))
        {
            return ProviderResult.Skipped("Drip needs a subscriber: a DripSubscriberContext (Drip's subscriber id) or Customer.Email.");
        }

        if (!PathSegment.IsValid(subscriber))
        {
            return ProviderResult.Skipped($"'{subscriber}' cannot be a Drip subscriber id or email.");
        }

        await _api.CreatePurchasesAsync(_options.CurrentValue.AccountId!, subscriber, DripPurchaseMapper.Map(purchase), cancellationToken).ConfigureAwait(false);
        return ProviderResult.Succeeded(reference: null, message: "Drip recorded the purchase (it returns no id).");
    }
}
