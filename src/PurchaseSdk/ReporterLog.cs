using Microsoft.Extensions.Logging;

namespace PurchaseSdk;

/// <summary>The reporter's log messages (source-generated; messages never carry secrets).</summary>
internal static partial class ReporterLog
{
    [LoggerMessage(1, LogLevel.Debug, "Reporting purchase {OrderId} to {ProviderCount} provider(s)")]
    public static partial void ReportStarting(ILogger logger, string orderId, int providerCount);

    [LoggerMessage(2, LogLevel.Information, "Purchase {OrderId} recorded by {Provider}: {Reference} after {Attempts} attempt(s) in {ElapsedMs} ms")]
    public static partial void ProviderSucceeded(ILogger logger, string orderId, string provider, string reference, int attempts, long elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "Purchase {OrderId} skipped by {Provider}: {Reason}")]
    public static partial void ProviderSkipped(ILogger logger, string orderId, string provider, string? reason);

    [LoggerMessage(4, LogLevel.Warning, "Purchase {OrderId} not recorded by {Provider} ({Status}) after {Attempts} attempt(s): {Message}")]
    public static partial void ProviderFailed(ILogger logger, string orderId, string provider, ProviderOutcomeStatus status, int attempts, string? message);
}
