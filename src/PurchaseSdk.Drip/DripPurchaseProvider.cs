using Microsoft.Extensions.Options;
using PurchaseSdk.Http;
using PurchaseSdk.Providers;

namespace PurchaseSdk.Drip;

/// <summary>
/// Records a purchase with Drip through the endpoint <see cref="DripOptions.Api"/> names.
/// </summary>
/// <remarks>
/// <para><see cref="DripOrderApi.Purchases"/> (v2): with the subscriber of the <see cref="DripSubscriberContext"/>,
/// else of the customer's email address. A create that may have been processed is resolved by paging the subscriber's
/// purchases for the order id before ever sending it again. Drip answers <c>201 {}</c>, so a first-time create has no
/// reference; a purchase found by the look-up has Drip's id.</para>
/// <para><see cref="DripOrderApi.ShopperActivity"/> (v3): one order activity event, which Drip upserts by provider
/// and order id. An ambiguous failure is therefore retried by the pipeline like one that was not processed
/// (<see cref="DripHttpBehavior.IsSafeToRepeat"/>); no look-up is needed. The reference is Drip's request id.</para>
/// </remarks>
internal sealed class DripPurchaseProvider(IDripApi api, IOptionsMonitor<DripOptions> optionsMonitor, TimeProvider time) : IPurchaseProvider
{
    public string Name => DripOptions.ProviderName;

    public Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken) =>
        ReportAsync(purchase, earlierAttemptMayHaveLanded: false, cancellationToken);

    /// <summary>
    /// With <see cref="DripOrderApi.Purchases"/>, pages the subscriber's purchases for the order id first and creates
    /// it only when absent; with <see cref="DripOrderApi.ShopperActivity"/>, simply sends again (Drip upserts).
    /// </summary>
    public Task<ProviderResult> ReportAfterUncertainAttemptAsync(Purchase purchase, CancellationToken cancellationToken) =>
        ReportAsync(purchase, earlierAttemptMayHaveLanded: true, cancellationToken);

    private Task<ProviderResult> ReportAsync(Purchase purchase, bool earlierAttemptMayHaveLanded, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.CurrentValue;
        if (options.Api == DripOrderApi.ShopperActivity)
        {
            var (order, skipReason) = DripOrderActivityMapper.Map(purchase, options.DefaultProvider);
            return order is null
                ? Task.FromResult(ProviderResult.Skipped(skipReason!))
                : ReportOrderActivityAsync(options, order, cancellationToken);
        }

        var subscriber = purchase.Contexts.Get<DripSubscriberContext>()?.SubscriberId ?? purchase.Customer?.Email?.Trim();
        if (string.IsNullOrWhiteSpace(subscriber))
        {
            return Task.FromResult(ProviderResult.Skipped("Drip needs a subscriber: a DripSubscriberContext (Drip's subscriber id) or Customer.Email."));
        }

        if (!PathSegment.IsValid(subscriber))
        {
            return Task.FromResult(ProviderResult.Skipped($"'{subscriber}' cannot be a Drip subscriber id or email."));
        }

        var create = new Create(api, options.AccountId!, subscriber, DripPurchaseMapper.Map(purchase), purchase.OrderId);
        return VerifiedCreate.RunAsync(Name, create, CreateAsync, FindAsync, options.Resilience, time, cancellationToken, earlierAttemptMayHaveLanded);
    }

    /// <summary>
    /// Sends the order. The pipeline retries every failure but a permanent one, since Drip upserts; a failure that
    /// survives it is <see cref="ProviderOutcomeStatus.Failed"/> (sending again later is safe), never Indeterminate.
    /// </summary>
    private async Task<ProviderResult> ReportOrderActivityAsync(DripOptions options, DripOrderActivity order, CancellationToken cancellationToken)
    {
        var answer = await api.CreateOrderActivityAsync(options.AccountId!, order, cancellationToken).ConfigureAwait(false);
        return ProviderResult.Succeeded(answer.RequestId);
    }

    private static async Task<string?> CreateAsync(Create create, CancellationToken cancellationToken)
    {
        await create.Api.CreatePurchasesAsync(create.AccountId, create.Subscriber, create.Body, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static async Task<string?> FindAsync(Create create, CancellationToken cancellationToken)
    {
        await foreach (var existing in create.Api.ListAllPurchasesAsync(create.AccountId, create.Subscriber, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(existing.OrderId, create.OrderId, StringComparison.Ordinal))
            {
                return existing.Id ?? create.OrderId;
            }
        }

        return null;
    }

    private readonly record struct Create(IDripApi Api, string AccountId, string Subscriber, DripPurchases Body, string OrderId);
}
