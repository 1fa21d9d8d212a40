using Microsoft.Extensions.Options;
using PurchaseSdk.Providers;

namespace PurchaseSdk.ElasticPath;

/// <summary>
/// Checks the purchase's cart out into an Elastic Path order; the outcome's reference is the order id. A checkout that
/// may have been processed is resolved by looking the order up by <c>external_ref</c> before ever checking out again.
/// </summary>
internal sealed class ElasticPathPurchaseProvider : IPurchaseProvider
{
    private readonly IElasticPathApi _api;
    private readonly IOptionsMonitor<ElasticPathOptions> _options;
    private readonly TimeProvider _time;

    public ElasticPathPurchaseProvider(IElasticPathApi api, IOptionsMonitor<ElasticPathOptions> options, TimeProvider time)
    {
        _api = api;
        _options = options;
        _time = time;
    }

    public string Name => ElasticPathOptions.ProviderName;

    public Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken)
    {
        if (!purchase.Contexts.TryGet<ElasticPathCheckoutContext>(out var context))
        {
            return Task.FromResult(ProviderResult.Skipped("Elastic Path needs an ElasticPathCheckoutContext (the cart reference and the account or account-management token) on the purchase."));
        }

        var (request, skipReason) = ElasticPathCheckoutMapper.Map(purchase, context);
        if (request is null)
        {
            return Task.FromResult(ProviderResult.Skipped(skipReason!));
        }

        var token = request.Data.Account is null ? context.AccountManagementToken!.Trim() : null;
        return VerifiedCreate.RunAsync(
            Name,
            async ct => (await _api.CheckoutAsync(context.CartReference, request, token, ct).ConfigureAwait(false)).Data?.Id,
            async ct => (await _api.ListOrdersAsync(ElasticPathFilter.Equal("external_ref", purchase.OrderId), limit: 1, cancellationToken: ct).ConfigureAwait(false)).Data is [var order, ..] ? order.Id : null,
            _options.CurrentValue.Resilience,
            _time,
            cancellationToken);
    }
}
