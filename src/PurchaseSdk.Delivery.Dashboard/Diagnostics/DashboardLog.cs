using Microsoft.Extensions.Logging;

namespace PurchaseSdk.Delivery.Dashboard.Diagnostics;

/// <summary>
/// Source-generated log messages of the dashboard: every action with who did it. The actor is the authenticated user's
/// name (email addresses masked) or "local user (address)"; no message carries a secret or a purchase field other than
/// the order id.
/// </summary>
internal static partial class DashboardLog
{
    [LoggerMessage(201, LogLevel.Information, "{Actor} re-drove delivery {DeliveryId} of order {OrderId} to {Provider} from the dashboard: {Result}")]
    public static partial void Redrove(ILogger logger, string actor, long deliveryId, string orderId, string provider, DeliveryChangeResult result);

    [LoggerMessage(202, LogLevel.Information, "{Actor} resolved delivery {DeliveryId} of order {OrderId} to {Provider} as delivered (reference {ProviderReference}) from the dashboard: {Result}")]
    public static partial void ResolvedAsDelivered(ILogger logger, string actor, long deliveryId, string orderId, string provider, string providerReference, DeliveryChangeResult result);

    [LoggerMessage(203, LogLevel.Warning, "{Actor} re-sent delivery {DeliveryId} of order {OrderId} to {Provider} from the dashboard, accepting the risk of a duplicate: {Result}")]
    public static partial void Resent(ILogger logger, string actor, long deliveryId, string orderId, string provider, DeliveryChangeResult result);

    [LoggerMessage(204, LogLevel.Information, "{Actor} cancelled delivery {DeliveryId} of order {OrderId} to {Provider} from the dashboard: {Result}")]
    public static partial void Cancelled(ILogger logger, string actor, long deliveryId, string orderId, string provider, DeliveryChangeResult result);

    [LoggerMessage(205, LogLevel.Warning, "Dashboard action {Action} on delivery {DeliveryId} by {Actor} refused: no valid anti-forgery token")]
    public static partial void AntiforgeryRefused(ILogger logger, string action, long deliveryId, string actor);

    [LoggerMessage(206, LogLevel.Information, "Dashboard request {Method} {Path} from {RemoteAddress} refused: {Reason}")]
    public static partial void AccessRefused(ILogger logger, string method, string path, string remoteAddress, string reason);

    [LoggerMessage(207, LogLevel.Warning, "Dashboard action {Action} on delivery {DeliveryId} by {Actor} refused: the dashboard is read-only")]
    public static partial void ReadOnlyRefused(ILogger logger, string action, long deliveryId, string actor);
}
