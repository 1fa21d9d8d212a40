using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PurchaseSdk.Delivery;

/// <summary>
/// What durable delivery publishes. It uses the SDK's own <see cref="ActivitySource"/> and <see cref="Meter"/> name,
/// <c>PurchaseSdk</c> (<see cref="PurchaseSdkTelemetry"/>), so one subscription covers reports and deliveries.
/// </summary>
/// <remarks>
/// <para>Span <c>PurchaseSdk.Delivery.Attempt</c>: one per delivery attempt, a new trace linked to the trace that
/// enqueued the purchase (its W3C context is stored with the order), tagged <c>purchasesdk.provider</c>,
/// <c>purchasesdk.delivery.id</c>, <c>purchasesdk.delivery.attempt</c> and <c>purchasesdk.delivery.outcome</c>; the
/// reporter's <c>PurchaseSdk.Provider</c> span is its child.</para>
/// <para>Metrics: <c>purchasesdk.delivery.attempts</c> (counter; <c>provider</c>, <c>outcome</c>),
/// <c>purchasesdk.delivery.deliveries</c> (gauge; <c>provider</c>, <c>state</c>), <c>purchasesdk.delivery.pending</c>
/// (gauge) and <c>purchasesdk.delivery.oldest_pending_age</c> (gauge, seconds). The gauges are refreshed by the worker
/// at most once per poll interval. No tag carries an order id, a purchase field or a secret.</para>
/// </remarks>
public static class PurchaseDeliveryTelemetry
{
    /// <summary>The span of one delivery attempt: <c>PurchaseSdk.Delivery.Attempt</c>.</summary>
    public const string AttemptActivityName = "PurchaseSdk.Delivery.Attempt";

    internal static ActivitySource ActivitySource { get; } = new(PurchaseSdkTelemetry.ActivitySourceName, PurchaseSdkTelemetry.Version);
}
