using Microsoft.Extensions.Options;
using PurchaseSdk.Providers;

namespace PurchaseSdk.ElasticPath;

/// <summary>
/// Checks the purchase's cart out into an Elastic Path order; the outcome's reference is the order id. A checkout that
/// may have been processed is resolved by looking the order up by <c>external_ref</c> before ever checking out again.
/// </summary>
internal sealed class ElasticPathPurchaseProvider(IElasticPathApi api, IOptionsMonitor<ElasticPathOptions> optionsMonitor, TimeProvider time) : IPurchaseProvider
{
    public string Name => ElasticPathOptions.ProviderName;

    public Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken) =>
        RunCheckoutAsync(purchase, earlierAttemptMayHaveLanded: false, cancellationToken);

    /// <summary>Looks the order up by <c>external_ref</c> first; checks the cart out only when it is absent.</summary>
    public Task<ProviderResult> ReportAfterUncertainAttemptAsync(Purchase purchase, CancellationToken cancellationToken) =>
        RunCheckoutAsync(purchase, earlierAttemptMayHaveLanded: true, cancellationToken);

    private Task<ProviderResult> RunCheckoutAsync(Purchase purchase, bool earlierAttemptMayHaveLanded, CancellationToken cancellationToken)
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

        var checkout = new Checkout(api, context.CartReference, request, request.Data.Account is null ? context.AccountManagementToken!.Trim() : null, purchase.OrderId);
        return VerifiedCreate.RunAsync(Name, checkout, CheckOutAsync, FindOrderAsync, optionsMonitor.CurrentValue.Resilience, time, cancellationToken, earlierAttemptMayHaveLanded);
    }

    private static async Task<string?> CheckOutAsync(Checkout checkout, CancellationToken cancellationToken) =>
        (await checkout.Api.CheckoutAsync(checkout.CartReference, checkout.Request, checkout.AccountManagementToken, cancellationToken).ConfigureAwait(false)).Data?.Id;

    private static async Task<string?> FindOrderAsync(Checkout checkout, CancellationToken cancellationToken) =>
        (await checkout.Api.ListOrdersAsync(ElasticPathFilter.Equal("external_ref", checkout.OrderId), limit: 1, cancellationToken: cancellationToken).ConfigureAwait(false)).Data is [var order, ..]
            ? order.Id
            : null;

    private readonly record struct Checkout(IElasticPathApi Api, string CartReference, ElasticPathCheckoutRequest Request, string? AccountManagementToken, string OrderId);
}
