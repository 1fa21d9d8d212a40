namespace PurchaseSdk.Providers;

/// <summary>
/// One destination of a purchase report. Every provider package implements it; implement it yourself and register
/// it with <c>AddProvider&lt;T&gt;()</c> to send purchases somewhere PurchaseSdk does not know.
/// </summary>
/// <remarks>
/// Return <see cref="ProviderResult.Skipped"/> when something the provider needs is missing, and throw
/// <see cref="ProviderRequestException"/> (or let the shared HTTP pipeline throw it) when the call fails: the
/// reporter turns that into a failed or indeterminate outcome, and no exception of one provider reaches another.
/// </remarks>
public interface IPurchaseProvider
{
    /// <summary>The provider name shown in outcomes and telemetry (for example <c>Kit</c>).</summary>
    string Name { get; }

    /// <summary>Records an already validated purchase with the provider.</summary>
    /// <param name="purchase">The purchase; <see cref="Purchase.OccurredAt"/> is always set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken);
}
