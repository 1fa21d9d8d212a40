namespace PurchaseSdk.Delivery.Storage;

/// <summary>
/// <b>For store implementers.</b> Implemented by an <see cref="IDeliveryStore"/> that can tell a worker, in any process,
/// that deliveries may have become due (a database server's notifications), so an idle worker need not wait for its
/// next poll. The worker listens while it runs; polling (<see cref="PurchaseDeliveryOptions.PollInterval"/>) stays the
/// fallback, so a missed notification only delays a delivery, never loses it.
/// </summary>
public interface IDeliveryNotifications
{
    /// <summary>
    /// Listens until <paramref name="cancellationToken"/> is cancelled, calling <paramref name="onDue"/> whenever
    /// deliveries may have become due (an enqueue, a re-drive, a delivery given back) from any instance. Survives lost
    /// connections by itself, calling <paramref name="onDue"/> after each reconnection (a notification may have been
    /// missed meanwhile). Completes when cancelled; does not throw for a store that is unavailable.
    /// </summary>
    Task ListenAsync(Action onDue, CancellationToken cancellationToken);
}
