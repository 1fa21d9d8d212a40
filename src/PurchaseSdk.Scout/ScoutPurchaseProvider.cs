using System.Globalization;
using Microsoft.Extensions.Options;
using PurchaseSdk.Providers;

namespace PurchaseSdk.Scout;

/// <summary>
/// Posts one Scout checkout per purchased unit, one after the other. The outcome is Succeeded only when every
/// checkout was accepted; otherwise it says how many were posted before the failure.
/// </summary>
internal sealed class ScoutPurchaseProvider(IScoutApi api, IOptionsMonitor<ScoutOptions> optionsMonitor) : IPurchaseProvider
{
    public string Name => ScoutOptions.ProviderName;

    public async Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken)
    {
        if (!purchase.Contexts.TryGet<ScoutUserContext>(out var user))
        {
            return ProviderResult.Skipped("Scout needs a ScoutUserContext (the Scout user id and access token) on the purchase.");
        }

        var (checkouts, skipReason) = ScoutCheckoutMapper.Map(purchase, user, optionsMonitor.CurrentValue.MaxCheckoutsPerPurchase);
        if (checkouts is null)
        {
            return ProviderResult.Skipped(skipReason!);
        }

        var posted = 0;
        try
        {
            foreach (var checkout in checkouts)
            {
                await api.PostCheckoutAsync(checkout, cancellationToken).ConfigureAwait(false);
                posted++;
            }
        }
        catch (ProviderRequestException error) when (posted > 0)
        {
            var message = string.Create(CultureInfo.InvariantCulture, $"Scout accepted {posted} of {checkouts.Count} checkouts, then failed: {error.Message}");
            return error.FailureKind == ProviderFailureKind.MaybeProcessed
                ? ProviderResult.Indeterminate(error, message)
                : ProviderResult.Failed(error, message);
        }

        return ProviderResult.Succeeded(
            reference: null,
            message: string.Create(CultureInfo.InvariantCulture, $"Posted {posted} checkout(s), one per purchased unit."));
    }
}
