namespace PurchaseSdk.Delivery;

/// <summary>
/// Inspect and repair durable delivery: list and count deliveries, show one order, re-drive what failed, resolve what
/// is parked, cancel, purge. Store-neutral: it works the same on every store.
/// </summary>
public interface IPurchaseDeliveryAdmin
{
    /// <summary>Lists deliveries matching <paramref name="query"/>'s filter, one page at a time, in id order.</summary>
    Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts deliveries matching <paramref name="filter"/>.</summary>
    Task<long> CountAsync(DeliveryFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Counts every delivery by provider and state, with the age of the oldest pending one.</summary>
    Task<DeliveryStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// How many deliveries succeeded, failed or were parked as indeterminate in each <paramref name="bucket"/> of the
    /// last <paramref name="window"/> (for example 24 hours by the hour).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The bucket is not positive, or the window holds more than 1,000 buckets.</exception>
    Task<DeliveryHistory> GetHistoryAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken = default);

    /// <summary>An order's deliveries with their attempts and last errors; null when the order id was never enqueued.</summary>
    Task<OrderDeliveries?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>One delivery with its attempts; null when no delivery has that id.</summary>
    Task<DeliveryRecord?> GetAsync(long deliveryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a <see cref="DeliveryState.Failed"/> delivery pending again, due now, with a fresh
    /// <see cref="PurchaseDeliveryOptions.MaxAge"/>. Only failed deliveries can be re-driven.
    /// </summary>
    Task<DeliveryChangeResult> RedriveAsync(long deliveryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resolves an <see cref="DeliveryState.Indeterminate"/> delivery as delivered: you checked with the provider that
    /// it recorded the purchase. It becomes <see cref="DeliveryState.Succeeded"/> with <paramref name="providerReference"/>.
    /// </summary>
    Task<DeliveryChangeResult> ResolveAsDeliveredAsync(long deliveryId, string? providerReference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resolves an <see cref="DeliveryState.Indeterminate"/> delivery by sending it again. The provider may already
    /// have recorded the purchase, so this <b>risks a duplicate</b>: call it only after checking that it did not.
    /// The delivery becomes pending, due now, and is sent as a first attempt.
    /// </summary>
    Task<DeliveryChangeResult> ResendAcceptingDuplicateRiskAsync(long deliveryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a pending, failed or indeterminate delivery: it is never attempted again. An attempt under way when it is
    /// cancelled may still reach the provider; its result is then not recorded.
    /// </summary>
    Task<DeliveryChangeResult> CancelAsync(long deliveryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes finished deliveries (succeeded, skipped, failed, cancelled) that finished more than
    /// <paramref name="olderThan"/> ago, their attempts, and the stored purchase once none of its deliveries is left.
    /// Pending and indeterminate deliveries are never purged. The order ids stay, so enqueueing one again is still
    /// recognised as already enqueued.
    /// </summary>
    /// <returns>The number of deliveries deleted.</returns>
    Task<int> PurgeAsync(TimeSpan olderThan, CancellationToken cancellationToken = default);
}
