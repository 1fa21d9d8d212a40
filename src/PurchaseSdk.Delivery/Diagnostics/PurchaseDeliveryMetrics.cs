using System.Diagnostics.Metrics;

namespace PurchaseSdk.Delivery.Diagnostics;

/// <summary>The delivery instruments, and the last statistics the gauges report.</summary>
internal sealed class PurchaseDeliveryMetrics
{
    private readonly Counter<long> _attempts;
    private volatile DeliveryStatistics? _statistics;

    public PurchaseDeliveryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PurchaseSdkTelemetry.MeterName, PurchaseSdkTelemetry.Version);
        _attempts = meter.CreateCounter<long>("purchasesdk.delivery.attempts", "{attempt}", "Delivery attempts, by provider and outcome.");
        meter.CreateObservableGauge("purchasesdk.delivery.deliveries", ObserveDeliveries, "{delivery}", "Deliveries in the store, by provider and state.");
        meter.CreateObservableGauge("purchasesdk.delivery.pending", ObservePending, "{delivery}", "Deliveries waiting to be delivered.");
        meter.CreateObservableGauge("purchasesdk.delivery.oldest_pending_age", ObserveOldestAge, "s", "How long the oldest pending delivery has been waiting.");
    }

    public DeliveryStatistics? Statistics => _statistics;

    public void Update(DeliveryStatistics statistics) => _statistics = statistics;

    public void RecordAttempt(string provider, DeliveryAttemptOutcome outcome) =>
        _attempts.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("outcome", OutcomeName(outcome)));

    internal static string OutcomeName(DeliveryAttemptOutcome outcome) => outcome switch
    {
        DeliveryAttemptOutcome.InProgress => "in_progress",
        DeliveryAttemptOutcome.Succeeded => "succeeded",
        DeliveryAttemptOutcome.Skipped => "skipped",
        DeliveryAttemptOutcome.Rescheduled => "rescheduled",
        DeliveryAttemptOutcome.Failed => "failed",
        DeliveryAttemptOutcome.Indeterminate => "indeterminate",
        DeliveryAttemptOutcome.LeaseExpired => "lease_expired",
        DeliveryAttemptOutcome.Interrupted => "interrupted",
        _ => "unknown",
    };

    internal static string StateName(DeliveryState state) => state switch
    {
        DeliveryState.Pending => "pending",
        DeliveryState.Succeeded => "succeeded",
        DeliveryState.Skipped => "skipped",
        DeliveryState.Failed => "failed",
        DeliveryState.Indeterminate => "indeterminate",
        DeliveryState.Cancelled => "cancelled",
        _ => "unknown",
    };

    private IEnumerable<Measurement<long>> ObserveDeliveries()
    {
        if (_statistics is not { } statistics)
        {
            yield break;
        }

        foreach (var count in statistics.Counts)
        {
            yield return new Measurement<long>(
                count.Count,
                new KeyValuePair<string, object?>("provider", count.Provider),
                new KeyValuePair<string, object?>("state", StateName(count.State)));
        }
    }

    private IEnumerable<Measurement<long>> ObservePending()
    {
        if (_statistics is { } statistics)
        {
            yield return new Measurement<long>(statistics.Count(DeliveryState.Pending));
        }
    }

    private IEnumerable<Measurement<double>> ObserveOldestAge()
    {
        if (_statistics is { } statistics)
        {
            yield return new Measurement<double>(statistics.OldestPendingAge?.TotalSeconds ?? 0);
        }
    }
}
