using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PurchaseSdk.Delivery.Diagnostics;
using PurchaseSdk.Delivery.Payload;
using PurchaseSdk.Delivery.Storage;
using PurchaseSdk.Providers;

namespace PurchaseSdk.Delivery.Outbox;

/// <summary>Validates, serializes and stores a purchase with one delivery per registered provider, then wakes the worker.</summary>
internal sealed class PurchaseOutbox : IPurchaseOutbox
{
    private readonly IDeliveryStore _store;
    private readonly DeliveryPayloadSerializer _serializer;
    private readonly string[] _providers;
    private readonly DeliverySignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PurchaseOutbox(
        IDeliveryStore store,
        DeliveryPayloadSerializer serializer,
        IEnumerable<IPurchaseProvider> providers,
        DeliverySignal signal,
        TimeProvider time,
        ILogger<PurchaseOutbox> logger)
    {
        _store = store;
        _serializer = serializer;
        _providers = [.. providers.Select(static p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase)];
        _signal = signal;
        _time = time;
        _logger = logger;
    }

    public Task<PurchaseEnqueueResult> EnqueueAsync(Purchase purchase, CancellationToken cancellationToken = default) =>
        EnqueueCoreAsync(purchase, null, null, cancellationToken);

    public Task<PurchaseEnqueueResult> EnqueueAsync(Purchase purchase, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return EnqueueCoreAsync(purchase, connection, transaction, cancellationToken);
    }

    private async Task<PurchaseEnqueueResult> EnqueueCoreAsync(Purchase purchase, DbConnection? connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        PurchaseValidator.EnsureValid(purchase);
        if (_providers.Length == 0)
        {
            throw new InvalidOperationException("PurchaseSdk has no provider to deliver to: add at least one after AddPurchaseSdk(), for example .AddKit().");
        }

        // The purchase happened now, not when a worker gets to it hours later.
        if (purchase.OccurredAt is null)
        {
            purchase = purchase.WithOccurredAt(_time.GetUtcNow());
        }

        var current = Activity.Current;
        var request = new DeliveryEnqueueRequest
        {
            OrderId = purchase.OrderId,
            Providers = _providers,
            Payload = _serializer.Serialize(purchase),
            SchemaVersion = DeliveryPayloadSerializer.CurrentVersion,
            TraceParent = current is { IdFormat: ActivityIdFormat.W3C } ? current.Id : null,
            TraceState = current is { IdFormat: ActivityIdFormat.W3C } ? current.TraceStateString : null,
        };

        var result = await _store.EnqueueAsync(request, connection, transaction, cancellationToken).ConfigureAwait(false);
        if (!result.Created)
        {
            DeliveryLog.AlreadyEnqueued(_logger, purchase.OrderId);
            return new PurchaseEnqueueResult(purchase.OrderId, alreadyEnqueued: true, []);
        }

        DeliveryLog.Enqueued(_logger, purchase.OrderId, _providers.Length);

        // In-process wake-up. Inside the caller's transaction the rows are visible only after its commit; the worker's
        // next poll finds them then.
        _signal.Wake();
        return new PurchaseEnqueueResult(purchase.OrderId, alreadyEnqueued: false, _providers);
    }
}
