namespace PurchaseSdk;

/// <summary>Reports a purchase to every configured provider with one call.</summary>
public interface IPurchaseReporter
{
    /// <summary>
    /// Validates <paramref name="purchase"/> (nothing is sent if it is invalid), then records it with every
    /// registered provider in parallel. One provider's failure never affects another's outcome.
    /// </summary>
    /// <param name="purchase">The purchase to report.</param>
    /// <param name="cancellationToken">Stops every in-flight provider call; the method then throws.</param>
    /// <returns>One outcome per provider.</returns>
    /// <exception cref="PurchaseValidationException">The purchase is invalid; no provider was called.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled; once providers were being called, a
    /// <see cref="PurchaseReportCanceledException"/> that says which of them may have recorded the purchase.
    /// </exception>
    Task<PurchaseReport> ReportAsync(Purchase purchase, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="ReportAsync(Purchase, CancellationToken)"/>, for the providers and the situation that
    /// <paramref name="options"/> names: a subset of the providers, or a purchase whose earlier report may already
    /// have landed.
    /// </summary>
    /// <param name="purchase">The purchase to report.</param>
    /// <param name="options">Which providers, and whether an earlier attempt may have landed.</param>
    /// <param name="cancellationToken">Stops every in-flight provider call; the method then throws.</param>
    /// <returns>One outcome per selected provider, in registration order.</returns>
    /// <exception cref="PurchaseValidationException">The purchase is invalid; no provider was called.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> names a provider that is not registered; nothing was sent.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled; once providers were being called, a
    /// <see cref="PurchaseReportCanceledException"/> that says which of them may have recorded the purchase.
    /// </exception>
    Task<PurchaseReport> ReportAsync(Purchase purchase, PurchaseReportOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// A dry run: validates <paramref name="purchase"/> and returns, for every provider, the reason it would skip it or
    /// the exact HTTP requests it would send (method, URL, headers, body), built by the real mapping and pipeline,
    /// credentials replaced with <c>***</c>. Nothing is sent, no access token is requested and no request budget is
    /// spent; each provider's answer is assumed to be an empty success.
    /// </summary>
    /// <param name="purchase">The purchase to preview.</param>
    /// <param name="cancellationToken">Cancels the preview.</param>
    /// <exception cref="PurchaseValidationException">The purchase is invalid.</exception>
    Task<PurchasePreview> PreviewAsync(Purchase purchase, CancellationToken cancellationToken = default);
}
