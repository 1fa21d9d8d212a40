namespace PurchaseSdk.Delivery;

/// <summary>The result of <see cref="IPurchaseOutbox.EnqueueAsync(Purchase, CancellationToken)"/>.</summary>
public sealed class PurchaseEnqueueResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="orderId">The purchase's order id.</param>
    /// <param name="alreadyEnqueued">True when the order id was already stored, so nothing new will be delivered.</param>
    /// <param name="providers">The providers a delivery was created for (empty when already enqueued).</param>
    public PurchaseEnqueueResult(string orderId, bool alreadyEnqueued, IReadOnlyList<string> providers)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        ArgumentNullException.ThrowIfNull(providers);
        OrderId = orderId;
        AlreadyEnqueued = alreadyEnqueued;
        Providers = providers;
    }

    /// <summary>The purchase's order id.</summary>
    public string OrderId { get; }

    /// <summary>True when the order id was already stored: nothing new was stored and nothing new will be delivered.</summary>
    public bool AlreadyEnqueued { get; }

    /// <summary>The providers a delivery was created for, in registration order (empty when <see cref="AlreadyEnqueued"/>).</summary>
    public IReadOnlyList<string> Providers { get; }

    /// <summary>Describes the result.</summary>
    public override string ToString() =>
        AlreadyEnqueued ? $"Order {OrderId} was already enqueued" : $"Order {OrderId} enqueued for {string.Join(", ", Providers)}";
}
