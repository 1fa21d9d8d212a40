namespace PurchaseSdk.Providers;

/// <summary>
/// One destination of a purchase report. Every provider package implements it; implement it yourself and register
/// it with <c>AddProvider&lt;T&gt;()</c> to send purchases somewhere PurchaseSdk does not know.
/// </summary>
/// <remarks>
/// Return <see cref="ProviderResult.Skipped"/> when something the provider needs is missing, and throw
/// <see cref="ProviderRequestException"/> (or let the shared HTTP pipeline throw it) when the call fails: the
/// reporter turns that into a failed or indeterminate outcome, and no exception of one provider reaches another.
/// The cancellation token a provider receives also ends at the provider's <c>TotalTimeout</c>: honour it everywhere.
/// </remarks>
public interface IPurchaseProvider
{
    /// <summary>The provider name shown in outcomes and telemetry (for example <c>Kit</c>).</summary>
    string Name { get; }

    /// <summary>Records an already validated purchase with the provider.</summary>
    /// <param name="purchase">The purchase; <see cref="Purchase.OccurredAt"/> is always set.</param>
    /// <param name="cancellationToken">Cancels the call; it is also cancelled when the provider's deadline passes.</param>
    Task<ProviderResult> ReportAsync(Purchase purchase, CancellationToken cancellationToken);

    /// <summary>
    /// Records a purchase that an earlier call may already have recorded, its outcome unknown (a delivery worker
    /// that stopped mid-call). Never send blindly here: a provider that can be asked looks the purchase up first and
    /// sends only when it is absent; a provider that upserts may simply send again. The default sends nothing and
    /// returns <see cref="ProviderResult.Indeterminate"/>.
    /// </summary>
    /// <param name="purchase">The purchase; <see cref="Purchase.OccurredAt"/> is always set.</param>
    /// <param name="cancellationToken">Cancels the call; it is also cancelled when the provider's deadline passes.</param>
    Task<ProviderResult> ReportAfterUncertainAttemptAsync(Purchase purchase, CancellationToken cancellationToken) =>
        Task.FromResult(ProviderResult.Indeterminate(
            new ProviderRequestException(Name, $"An earlier attempt to report order {purchase?.OrderId} to {Name} may have been processed, and {Name} cannot be asked whether it was.", ProviderFailureKind.MaybeProcessed),
            $"An earlier attempt may have been recorded by {Name}, which offers no way to check; it was not sent again to avoid a duplicate."));
}
