using System.Data.Common;

namespace PurchaseSdk.Delivery.Storage;

/// <summary>
/// <b>For store implementers.</b> Where durable delivery keeps purchases and deliveries: PurchaseSdk.Delivery.Sqlite
/// implements it; applications use <see cref="IPurchaseOutbox"/> and <see cref="IPurchaseDeliveryAdmin"/> instead.
/// </summary>
/// <remarks>
/// <para>The store owns "now": due times, leases, ages and purge cut-offs are computed on the store's clock (an
/// injected <see cref="TimeProvider"/> for an embedded store, the database's clock for a server), so callers pass
/// durations, never instants.</para>
/// <para>The contract (every store passes the same abstract test fixture):</para>
/// <list type="bullet">
/// <item>One delivery per (order id, provider); enqueueing an order id that exists stores nothing.</item>
/// <item><see cref="ClaimAsync"/> hands each due delivery to exactly one claimer under a lease; a delivery whose lease
/// expired is due again, and if its attempt had started (<see cref="MarkAttemptStartedAsync"/>) its next claim says
/// <see cref="ClaimedDelivery.EarlierAttemptMayHaveLanded"/>.</item>
/// <item>Every change made under a lease (<see cref="MarkAttemptStartedAsync"/>, <see cref="CompleteAsync"/>,
/// <see cref="ReleaseAsync"/>) applies only while the lease is still the delivery's, and says whether it applied.</item>
/// </list>
/// </remarks>
public interface IDeliveryStore
{
    /// <summary>Creates the store's schema if it does not exist. Safe to call many times and from many instances.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores an order and one pending delivery, due now, per provider of <paramref name="request"/>, unless the order id
    /// is already stored. With <paramref name="connection"/>, writes through it (and <paramref name="transaction"/>),
    /// so the write commits or rolls back with the caller's own work.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="connection"/> is not a connection this store can write through.</exception>
    Task<StoreEnqueueResult> EnqueueAsync(DeliveryEnqueueRequest request, DbConnection? connection, DbTransaction? transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="maxCount"/> pending deliveries that are due (including those whose lease expired)
    /// to <paramref name="owner"/> for <paramref name="leaseDuration"/>, earliest due first, with their payloads. No two
    /// concurrent claimers, in any process, ever receive the same delivery under a live lease.
    /// </summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string owner, int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>
    /// Records, before anything is sent, that an attempt of the leased delivery starts: from now until
    /// <see cref="CompleteAsync"/> or <see cref="ReleaseAsync"/>, the provider may have received it. The attempt is
    /// recorded as resumed when the delivery was claimed with <see cref="ClaimedDelivery.EarlierAttemptMayHaveLanded"/>.
    /// Returns false (and records nothing) when the lease is no longer the delivery's; the caller must then not send.
    /// </summary>
    Task<bool> MarkAttemptStartedAsync(DeliveryLease lease, CancellationToken cancellationToken);

    /// <summary>
    /// Records the end of an attempt and the delivery's new state (pending again after <see cref="DeliveryCompletion.RetryAfter"/>,
    /// or a final or parked state), and ends the lease. Returns false when the lease is no longer the delivery's.
    /// </summary>
    Task<bool> CompleteAsync(DeliveryLease lease, DeliveryCompletion completion, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a leased delivery back without an outcome (the host is stopping); it is due again at once. When
    /// <paramref name="mayHaveBeenSent"/>, the attempt is recorded as interrupted after the provider may have received
    /// the purchase, and the next attempt asks before sending. When not, even an attempt marked started
    /// (<see cref="MarkAttemptStartedAsync"/>) sent nothing the provider can have recorded: the next attempt simply
    /// sends (or asks, if an earlier attempt may have landed).
    /// </summary>
    Task<bool> ReleaseAsync(DeliveryLease lease, bool mayHaveBeenSent, CancellationToken cancellationToken);

    /// <summary>Counts deliveries by provider and state, and the age of the oldest pending one.</summary>
    Task<DeliveryStatistics> GetStatisticsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Counts the deliveries that succeeded or failed (by when they finished) and those parked as indeterminate (by
    /// when they were parked) in each <paramref name="bucket"/> of the last <paramref name="window"/>, ending now on
    /// the store's clock. Every bucket is returned, empty ones included; the first starts at now − window.
    /// </summary>
    Task<DeliveryHistory> GetHistoryAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken);

    /// <summary>Lists deliveries in id order after <see cref="DeliveryQuery.AfterId"/> (no attempts).</summary>
    Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken);

    /// <summary>Counts deliveries matching <paramref name="filter"/>.</summary>
    Task<long> CountAsync(DeliveryFilter filter, CancellationToken cancellationToken);

    /// <summary>An order and its deliveries with their attempts; null when the order id is not stored.</summary>
    Task<OrderDeliveries?> GetOrderAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>One delivery with its attempts; null when absent.</summary>
    Task<DeliveryRecord?> GetDeliveryAsync(long deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies an administrative change if the delivery is in one of the states the change allows (see
    /// <see cref="DeliveryAdminChange"/>), atomically.
    /// </summary>
    Task<DeliveryChangeResult> ChangeAsync(long deliveryId, DeliveryAdminChange change, string? providerReference, CancellationToken cancellationToken);

    /// <summary>Deletes finished deliveries older than <paramref name="olderThan"/> (see <see cref="IPurchaseDeliveryAdmin.PurgeAsync"/>).</summary>
    Task<int> PurgeAsync(TimeSpan olderThan, CancellationToken cancellationToken);
}
