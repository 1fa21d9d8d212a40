using System.Diagnostics;
using System.Reflection;

namespace PurchaseSdk;

/// <summary>
/// The names under which PurchaseSdk publishes traces and metrics. Subscribe with
/// <c>AddSource(PurchaseSdkTelemetry.ActivitySourceName)</c> and <c>AddMeter(PurchaseSdkTelemetry.MeterName)</c>.
/// </summary>
/// <remarks>
/// Spans: <c>PurchaseSdk.Report</c> per report and <c>PurchaseSdk.Provider</c> per provider call.
/// Metrics: <c>purchasesdk.provider.outcomes</c> (counter, tags <c>provider</c> and <c>status</c>) and
/// <c>purchasesdk.provider.duration</c> (histogram in seconds, same tags). No tag or span carries a secret.
/// </remarks>
public static class PurchaseSdkTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name: <c>PurchaseSdk</c>.</summary>
    public const string ActivitySourceName = "PurchaseSdk";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>PurchaseSdk</c>.</summary>
    public const string MeterName = "PurchaseSdk";

    /// <summary>The SDK version, as written in the User-Agent (for example <c>0.1.0</c>).</summary>
    public static string Version { get; } = ReadVersion();

    internal static ActivitySource ActivitySource { get; } = new(ActivitySourceName, Version);

    private static string ReadVersion()
    {
        var informational = typeof(PurchaseSdkTelemetry).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(PurchaseSdkTelemetry).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
