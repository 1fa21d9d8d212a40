using System.Diagnostics.Metrics;

namespace PurchaseSdk;

/// <summary>The SDK's instruments, created once from the application's <see cref="IMeterFactory"/>.</summary>
internal sealed class PurchaseSdkMetrics
{
    private readonly Counter<long> _outcomes;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _rateLimitWaits;
    private readonly Histogram<double> _rateLimitWaitDuration;
    private readonly Counter<long> _rateLimitRefusals;

    public PurchaseSdkMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PurchaseSdkTelemetry.MeterName, PurchaseSdkTelemetry.Version);
        _rateLimitWaits = meter.CreateCounter<long>(
            "purchasesdk.ratelimit.waits",
            unit: "{request}",
            description: "Requests that waited for a permit of a provider's request budget, by provider.");
        _rateLimitWaitDuration = meter.CreateHistogram<double>(
            "purchasesdk.ratelimit.wait.duration",
            unit: "s",
            description: "How long requests waited for a permit of a provider's request budget, by provider.");
        _rateLimitRefusals = meter.CreateCounter<long>(
            "purchasesdk.ratelimit.refusals",
            unit: "{request}",
            description: "Requests refused at once by a provider's request budget (the wait would outlast MaxRetryAfter or the deadline), by provider.");
        _outcomes = meter.CreateCounter<long>(
            "purchasesdk.provider.outcomes",
            unit: "{outcome}",
            description: "Provider outcomes of purchase reports, by provider and status.");
        _duration = meter.CreateHistogram<double>(
            "purchasesdk.provider.duration",
            unit: "s",
            description: "Duration of each provider's part of a purchase report.");
    }

    /// <summary>A request waited for a permit of the provider's budget.</summary>
    public void RecordRateLimitWait(string provider, TimeSpan waited)
    {
        var tag = new KeyValuePair<string, object?>("provider", provider);
        _rateLimitWaits.Add(1, tag);
        _rateLimitWaitDuration.Record(waited.TotalSeconds, tag);
    }

    /// <summary>A request was refused by the provider's budget (the wait would have been too long).</summary>
    public void RecordRateLimitRefusal(string provider) =>
        _rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("provider", provider));

    public void Record(ProviderOutcome outcome)
    {
        var provider = new KeyValuePair<string, object?>("provider", outcome.Provider);
        var status = new KeyValuePair<string, object?>("status", StatusName(outcome.Status));
        _outcomes.Add(1, provider, status);
        _duration.Record(outcome.Elapsed.TotalSeconds, provider, status);
    }

    internal static string StatusName(ProviderOutcomeStatus status) => status switch
    {
        ProviderOutcomeStatus.Succeeded => "succeeded",
        ProviderOutcomeStatus.Failed => "failed",
        ProviderOutcomeStatus.Skipped => "skipped",
        ProviderOutcomeStatus.Indeterminate => "indeterminate",
        _ => "unknown",
    };
}
