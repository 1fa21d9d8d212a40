using Microsoft.Extensions.Options;
using PurchaseSdk.Http;
using PurchaseSdk.Providers;

namespace PurchaseSdk.Drip;

/// <summary>
/// Records a purchase with the Drip subscriber of the <see cref="DripSubscriberContext"/>, else of the customer's
/// email address. A create that may have been processed is resolved by paging the subscriber's purchases for the
/// order id before ever sending it again. Drip answers <c>201 {}</c>, so a first-time create has no reference; a
/// purchase found by the look-up has Drip's id.
/// </summary>
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
        var subscriber = purchase.Contexts.Get<DripSubscriberContext>()?.SubscriberId ?? purchase.Customer?.Email?.Trim();
        if (string.IsNullOrWhiteSpace(subscriber))
        {
            return Task.FromResult(ProviderResult.Skipped("Drip needs a subscriber: a DripSubscriberContext (Drip's subscriber id) or Customer.Email."));
        }

        if (!PathSegment.IsValid(subscriber))
        {
            return Task.FromResult(ProviderResult.Skipped($"'{subscriber}' cannot be a Drip subscriber id or email."));
        }

        var options = _options.CurrentValue;
        var create = new Create(_api, options.AccountId!, subscriber, DripPurchaseMapper.Map(purchase), purchase.OrderId);
        return VerifiedCreate.RunAsync(Name, create, CreateAsync, FindAsync, options.Resilience, _time, cancellationToken);
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
