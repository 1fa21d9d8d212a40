using PurchaseSdk.Delivery.Outbox;
using PurchaseSdk.Delivery.Storage;

namespace PurchaseSdk.Delivery.Admin;

/// <summary>The admin API over the configured store; wakes this process's worker after a change that makes a delivery due.</summary>
internal sealed class PurchaseDeliveryAdmin : IPurchaseDeliveryAdmin
{
    private readonly IDeliveryStore _store;
    private readonly DeliverySignal _signal;

    public PurchaseDeliveryAdmin(IDeliveryStore store, DeliverySignal signal)
    {
        _store = store;
        _signal = signal;
    }

    public Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        return _store.ListAsync(query, cancellationToken);
    }

    public Task<long> CountAsync(DeliveryFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return _store.CountAsync(filter, cancellationToken);
    }

    public Task<DeliveryStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        _store.GetStatisticsAsync(cancellationToken);

    public Task<DeliveryHistory> GetHistoryAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucket, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window.Ticks / bucket.Ticks, 1000);
        return _store.GetHistoryAsync(window, bucket, cancellationToken);
    }

    public Task<OrderDeliveries?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        return _store.GetOrderAsync(orderId, cancellationToken);
    }

    public Task<DeliveryRecord?> GetAsync(long deliveryId, CancellationToken cancellationToken = default) =>
        _store.GetDeliveryAsync(deliveryId, cancellationToken);

    public Task<DeliveryChangeResult> RedriveAsync(long deliveryId, CancellationToken cancellationToken = default) =>
        ChangeAsync(deliveryId, DeliveryAdminChange.Redrive, null, cancellationToken);

    public Task<DeliveryChangeResult> ResolveAsDeliveredAsync(long deliveryId, string? providerReference, CancellationToken cancellationToken = default) =>
        ChangeAsync(deliveryId, DeliveryAdminChange.ResolveAsDelivered, providerReference, cancellationToken);

    public Task<DeliveryChangeResult> ResendAcceptingDuplicateRiskAsync(long deliveryId, CancellationToken cancellationToken = default) =>
        ChangeAsync(deliveryId, DeliveryAdminChange.Resend, null, cancellationToken);

    public Task<DeliveryChangeResult> CancelAsync(long deliveryId, CancellationToken cancellationToken = default) =>
        ChangeAsync(deliveryId, DeliveryAdminChange.Cancel, null, cancellationToken);

    public Task<int> PurgeAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        return _store.PurgeAsync(olderThan, cancellationToken);
    }

    private async Task<DeliveryChangeResult> ChangeAsync(long deliveryId, DeliveryAdminChange change, string? reference, CancellationToken cancellationToken)
    {
        var result = await _store.ChangeAsync(deliveryId, change, reference, cancellationToken).ConfigureAwait(false);
        if (result == DeliveryChangeResult.Changed && change is DeliveryAdminChange.Redrive or DeliveryAdminChange.Resend)
        {
            _signal.Wake();
        }

        return result;
    }
}
