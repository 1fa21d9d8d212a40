using System.Data.Common;

namespace PurchaseSdk.Delivery;

/// <summary>
/// Durable delivery: stores a purchase with one delivery per (order id, provider), which a background worker then
/// delivers to each provider with the same failure semantics as <see cref="IPurchaseReporter"/>, surviving restarts.
/// </summary>
/// <remarks>
/// Use it when no provider call may happen inside the request that takes the order, or when a purchase must not be
/// lost to an outage longer than the retry budget or a restart. The purchase is validated here; nothing is sent here.
/// </remarks>
public interface IPurchaseOutbox
{
    /// <summary>
    /// Validates and stores <paramref name="purchase"/> for delivery to every registered provider. The purchase is
    /// durable when the task completes. Enqueueing an order id that is already stored changes nothing and says so.
    /// </summary>
    /// <param name="purchase">The purchase; its contexts are stored protected with the application's data-protection keys.</param>
    /// <param name="cancellationToken">Cancels the call; the purchase is then either fully stored or not at all.</param>
    /// <exception cref="PurchaseValidationException">The purchase is invalid; nothing was stored.</exception>
    /// <exception cref="InvalidOperationException">A context on the purchase has a type that no package registered, so it could not be stored.</exception>
    Task<PurchaseEnqueueResult> EnqueueAsync(Purchase purchase, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="EnqueueAsync(Purchase, CancellationToken)"/>, inside the application's own database transaction:
    /// the purchase is delivered only if <paramref name="transaction"/> commits. The connection must belong to the
    /// database the store uses (for SQLite, a <c>SqliteConnection</c> to the same file).
    /// </summary>
    /// <param name="purchase">The purchase.</param>
    /// <param name="connection">The application's open connection.</param>
    /// <param name="transaction">The application's transaction on <paramref name="connection"/>, or null to write outside a transaction.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="PurchaseValidationException">The purchase is invalid; nothing was written.</exception>
    /// <exception cref="ArgumentException">The connection is not one the configured store can write through.</exception>
    Task<PurchaseEnqueueResult> EnqueueAsync(Purchase purchase, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken = default);
}
