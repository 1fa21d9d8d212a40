using Microsoft.Extensions.Logging;

namespace PurchaseSdk.Delivery.Diagnostics;

/// <summary>Source-generated log messages of durable delivery. None carries a purchase field other than the order id, or a secret.</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(101, LogLevel.Debug, "Order {OrderId} enqueued for {ProviderCount} provider(s)")]
    public static partial void Enqueued(ILogger logger, string orderId, int providerCount);

    [LoggerMessage(102, LogLevel.Debug, "Order {OrderId} was already enqueued; nothing new stored")]
    public static partial void AlreadyEnqueued(ILogger logger, string orderId);

    [LoggerMessage(103, LogLevel.Information, "Delivery {DeliveryId} of order {OrderId} to {Provider}: {Outcome} on attempt {Attempt}{Reference}")]
    public static partial void Finished(ILogger logger, long deliveryId, string orderId, string provider, DeliveryAttemptOutcome outcome, int attempt, string reference);

    [LoggerMessage(104, LogLevel.Information, "Delivery {DeliveryId} of order {OrderId} to {Provider} rescheduled in {DelaySeconds} s after attempt {Attempt}: {Message}")]
    public static partial void Rescheduled(ILogger logger, long deliveryId, string orderId, string provider, double delaySeconds, int attempt, string? message);

    [LoggerMessage(105, LogLevel.Warning, "Delivery {DeliveryId} of order {OrderId} to {Provider} failed for good after attempt {Attempt}: {Message}")]
    public static partial void Dead(ILogger logger, long deliveryId, string orderId, string provider, int attempt, string? message);

    [LoggerMessage(106, LogLevel.Warning, "Delivery {DeliveryId} of order {OrderId} to {Provider} is parked as Indeterminate after attempt {Attempt}; resolve it with IPurchaseDeliveryAdmin: {Message}")]
    public static partial void Parked(ILogger logger, long deliveryId, string orderId, string provider, int attempt, string? message);

    [LoggerMessage(107, LogLevel.Warning, "Delivery {DeliveryId} of order {OrderId} to {Provider} changed while it was being attempted (its lease ended or it was cancelled); its result was not recorded")]
    public static partial void LeaseLost(ILogger logger, long deliveryId, string orderId, string provider);

    [LoggerMessage(108, LogLevel.Error, "The delivery store failed; the worker tries again in {DelaySeconds} s")]
    public static partial void StoreFailed(ILogger logger, Exception exception, long delaySeconds);

    [LoggerMessage(109, LogLevel.Information, "Delivery worker {Worker} started: up to {MaxConcurrency} deliveries at once, lease {LeaseSeconds} s")]
    public static partial void WorkerStarted(ILogger logger, string worker, int maxConcurrency, long leaseSeconds);

    [LoggerMessage(110, LogLevel.Information, "Delivery worker {Worker} stopping: {InFlight} delivery(ies) in flight")]
    public static partial void WorkerStopping(ILogger logger, string worker, int inFlight);

    [LoggerMessage(111, LogLevel.Warning, "Delivery {DeliveryId} of order {OrderId} to {Provider} was interrupted by the shutdown {Moment}")]
    public static partial void Interrupted(ILogger logger, long deliveryId, string orderId, string provider, string moment);

    [LoggerMessage(113, LogLevel.Warning, "Delivery {DeliveryId} of order {OrderId} to {Provider} was cut off before its {LeaseSeconds} s lease ran out, and ends like a call that reached its deadline. A provider call must end well within PurchaseSdk:Delivery:LeaseDuration: keep the lease at least 1.25 times the provider's Resilience:TotalTimeout, and 30 s longer")]
    public static partial void CutOffBeforeLeaseEnd(ILogger logger, long deliveryId, string orderId, string provider, long leaseSeconds);

    [LoggerMessage(112, LogLevel.Debug, "Delivery {DeliveryId} of order {OrderId} to {Provider} resumes after an attempt that may have landed")]
    public static partial void Resuming(ILogger logger, long deliveryId, string orderId, string provider);
}
