using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PurchaseSdk.Providers;

namespace PurchaseSdk;

/// <summary>Validates once, then runs every provider in parallel and isolates their failures.</summary>
internal sealed class PurchaseReporter : IPurchaseReporter
{
    private readonly IPurchaseProvider[] _providers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PurchaseSdkMetrics _metrics;

    public PurchaseReporter(
        IEnumerable<IPurchaseProvider> providers,
        TimeProvider time,
        ILogger<PurchaseReporter> logger,
        PurchaseSdkMetrics metrics)
    {
        _providers = [.. providers];
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    public async Task<PurchaseReport> ReportAsync(Purchase purchase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        PurchaseValidator.EnsureValid(purchase);
        cancellationToken.ThrowIfCancellationRequested();

        if (purchase.OccurredAt is null)
        {
            purchase = purchase.WithOccurredAt(_time.GetUtcNow());
        }

        using var activity = PurchaseSdkTelemetry.ActivitySource.StartActivity("PurchaseSdk.Report");
        activity?.SetTag("purchasesdk.providers", _providers.Length);
        ReporterLog.ReportStarting(_logger, purchase.OrderId, _providers.Length);

        // Every provider but the first leaves the caller's thread at once, so none waits for another; the first runs
        // inline up to its first await, saving a thread hop (the whole cost of fan-out with one provider).
        var calls = new Task<ProviderOutcome>[_providers.Length];
        for (var i = 1; i < _providers.Length; i++)
        {
            calls[i] = RunProviderAsync(_providers[i], purchase, leaveCallerThread: true, cancellationToken);
        }

        if (_providers.Length > 0)
        {
            calls[0] = RunProviderAsync(_providers[0], purchase, leaveCallerThread: false, cancellationToken);
        }

        // Every call has ended when WhenAll returns or throws, so no work outlives this method.
        var outcomes = await Task.WhenAll(calls).ConfigureAwait(false);
        var report = new PurchaseReport(purchase.OrderId, outcomes);
        activity?.SetStatus(report.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        return report;
    }

    private async Task<ProviderOutcome> RunProviderAsync(IPurchaseProvider provider, Purchase purchase, bool leaveCallerThread, CancellationToken cancellationToken)
    {
        if (leaveCallerThread)
        {
            // A provider that blocks before its first await must not delay the others.
            await Task.Yield();
        }

        var name = provider.Name;
        using var activity = PurchaseSdkTelemetry.ActivitySource.StartActivity("PurchaseSdk.Provider");
        activity?.SetTag("purchasesdk.provider", name);
        using var scope = ProviderCallScope.Begin();
        var started = _time.GetTimestamp();

        ProviderResult result;
        try
        {
            result = await provider.ReportAsync(purchase, cancellationToken).ConfigureAwait(false)
                ?? ProviderResult.Failed(new InvalidOperationException($"{name} returned no result."));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ProviderRequestException exception)
        {
            result = exception.FailureKind == ProviderFailureKind.MaybeProcessed
                ? ProviderResult.Indeterminate(exception, exception.Message + " The purchase may have been recorded; it was not sent again to avoid a duplicate.")
                : ProviderResult.Failed(exception);
        }
#pragma warning disable CA1031 // One provider's unexpected exception must become its outcome, never another's.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            result = ProviderResult.Failed(exception, $"{name} failed unexpectedly: {exception.GetType().Name}: {exception.Message}");
        }

        var attempts = scope.Attempts;
        var outcome = new ProviderOutcome
        {
            Provider = name,
            Status = result.Status,
            ProviderReference = result.Reference,
            Message = result.Message,
            Error = result.Error,
            Attempts = attempts,
            Elapsed = _time.GetElapsedTime(started),
        };

        activity?.SetTag("purchasesdk.status", PurchaseSdkMetrics.StatusName(outcome.Status));
        activity?.SetTag("purchasesdk.attempts", attempts);
        if (outcome.Status is ProviderOutcomeStatus.Failed or ProviderOutcomeStatus.Indeterminate)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome.Message);
        }

        _metrics.Record(outcome);
        Log(purchase.OrderId, outcome);
        return outcome;
    }

    private void Log(string orderId, ProviderOutcome outcome)
    {
        switch (outcome.Status)
        {
            case ProviderOutcomeStatus.Succeeded:
                ReporterLog.ProviderSucceeded(_logger, orderId, outcome.Provider, outcome.ProviderReference ?? "(no reference)", outcome.Attempts, (long)outcome.Elapsed.TotalMilliseconds);
                break;
            case ProviderOutcomeStatus.Skipped:
                ReporterLog.ProviderSkipped(_logger, orderId, outcome.Provider, outcome.Message);
                break;
            default:
                ReporterLog.ProviderFailed(_logger, orderId, outcome.Provider, outcome.Status, outcome.Attempts, outcome.Message);
                break;
        }
    }
}
