using System.Globalization;
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
internal sealed class DripPurchaseProvider : IPurchaseProvider
{
    private readonly IDripApi _api;
    private readonly IOptionsMonitor<DripOptions> _options;
    private readonly TimeProvider _time;

    public DripPurchaseProvider(IDripApi api, IOptionsMonitor<DripOptions> options, TimeProvider time)
    {
        _api = api;
        _options = options;
        _time = time;
    }

    public string Name => DripOptions.ProviderName;

    public Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
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

        var create = new Create(_api, options.AccountId!, subscriber, DripPurchaseMapper.Map(purchase), purchase.OrderId);
        return VerifiedCreate.RunAsync(Name, create, CreateAsync, FindAsync, options.Resilience, _time, cancellationToken);
    }

    /// <summary>With <see cref="DripOrderApi.Purchases"/>, pages the subscriber's purchases for the order id first and creates it only when absent; shopper activity upserts, so it simply sends.</summary>
    public async Task<ProviderResult> ReportAfterUncertainAttemptAsync(Purchase purchase, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var subscriber = purchase.Contexts.Get<DripSubscriberContext>()?.SubscriberId ?? purchase.Customer?.Email?.Trim();
        var found = options.Api == DripOrderApi.Purchases && !string.IsNullOrWhiteSpace(subscriber) && PathSegment.IsValid(subscriber)
            ? await FindAsync(new Create(_api, options.AccountId!, subscriber, null!, purchase.OrderId), cancellationToken).ConfigureAwait(false)
            : null;
        return found is null
            ? await ReportAsync(purchase, cancellationToken).ConfigureAwait(false)
            : ProviderResult.Succeeded(found, "An earlier attempt had been recorded by Drip (found by order_id), so it was not sent again.");
    }

    /// <summary>
    /// Sends the order once; the pipeline retries every failure but a permanent one, since Drip upserts. A success
    /// answer that cannot be read surfaces only after the pipeline, so it is repeated here, at most
    /// <see cref="ProviderResilienceOptions.MaxRetries"/> times. A failure that may still have been processed is
    /// Indeterminate, saying that sending the purchase again is safe.
    /// </summary>
    private async Task<ProviderResult> ReportOrderActivityAsync(DripOptions options, DripOrderActivity order, CancellationToken cancellationToken)
    {
        for (var repeat = 0; ; repeat++)
        {
            try
            {
                var answer = await _api.CreateOrderActivityAsync(options.AccountId!, order, cancellationToken).ConfigureAwait(false);
                return repeat == 0
                    ? ProviderResult.Succeeded(answer?.RequestId)
                    : ProviderResult.Succeeded(
                        answer?.RequestId,
                        string.Create(CultureInfo.InvariantCulture, $"Sent {repeat + 1} times: Drip's earlier answer could not be read, and Drip upserts the order by provider and order id."));
            }
            catch (ProviderRequestException error) when (IsUnreadableSuccess(error) && repeat < options.Resilience.MaxRetries)
            {
                // Drip accepted something but its answer cannot be trusted (a proxy's page, a cut body): send again.
            }
            catch (ProviderRequestException error) when (error.FailureKind == ProviderFailureKind.MaybeProcessed)
            {
                return ProviderResult.Indeterminate(
                    error,
                    $"{error.Message} Drip upserts orders by provider and order id, so reporting this purchase again is safe.");
            }
        }
    }

    private static bool IsUnreadableSuccess(ProviderRequestException error) =>
        error.FailureKind == ProviderFailureKind.MaybeProcessed
        && error.StatusCode is { } status
        && (int)status is >= 200 and < 300;

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
