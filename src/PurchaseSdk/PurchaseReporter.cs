using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PurchaseSdk.Providers;

namespace PurchaseSdk;

/// <summary>Validates once, then runs every selected provider in parallel, each under its own deadline, and isolates their failures.</summary>
internal sealed class PurchaseReporter : IPurchaseReporter
{
    private readonly IPurchaseProvider[] _providers;
    private readonly Dictionary<string, IProviderTotalTimeout> _timeouts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PurchaseSdkMetrics _metrics;

    public PurchaseReporter(
        IEnumerable<IPurchaseProvider> providers,
        IEnumerable<IProviderTotalTimeout> timeouts,
        TimeProvider time,
        ILogger<PurchaseReporter> logger,
        PurchaseSdkMetrics metrics)
    {
        _providers = [.. providers];
        if (_providers.Length == 0)
        {
            throw new InvalidOperationException(NoProviderMessage);
        }

        _timeouts = new(StringComparer.OrdinalIgnoreCase);
        foreach (var timeout in timeouts)
        {
            _timeouts.TryAdd(timeout.Provider, timeout);
        }

        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    internal const string NoProviderMessage =
        "PurchaseSdk has no provider to report to: add at least one after AddPurchaseSdk(), for example services.AddPurchaseSdk().AddKit(), or AddProvider<TProvider>() for your own.";

    public Task<PurchaseReport> ReportAsync(Purchase purchase, CancellationToken cancellationToken = default) =>
        ReportAsync(purchase, PurchaseReportOptions.AllProviders, cancellationToken);

    public async Task<PurchaseReport> ReportAsync(Purchase purchase, PurchaseReportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(options);
        PurchaseValidator.EnsureValid(purchase);
        var providers = Select(options.Providers);
        cancellationToken.ThrowIfCancellationRequested();

        if (purchase.OccurredAt is null)
        {
            purchase = purchase.WithOccurredAt(_time.GetUtcNow());
        }

        using var activity = PurchaseSdkTelemetry.ActivitySource.StartActivity("PurchaseSdk.Report");
        activity?.SetTag("purchasesdk.providers", providers.Length);
        ReporterLog.ReportStarting(_logger, purchase.OrderId, providers.Length);

        var resume = options.EarlierAttemptMayHaveLanded;
        ProviderOutcome[] outcomes;
        if (providers.Length == 1)
        {
            // One provider: no task array, no WhenAll, no thread hop.
            outcomes = [await RunProviderAsync(providers[0], purchase, resume, leaveCallerThread: false, cancellationToken).ConfigureAwait(false)];
        }
        else
        {
            // Every provider but the first leaves the caller's thread at once, so none waits for another; the first
            // runs inline up to its first await.
            var calls = new Task<ProviderOutcome>[providers.Length];
            for (var i = 1; i < providers.Length; i++)
            {
                calls[i] = RunProviderAsync(providers[i], purchase, resume, leaveCallerThread: true, cancellationToken);
            }

            calls[0] = RunProviderAsync(providers[0], purchase, resume, leaveCallerThread: false, cancellationToken);

            // Every call has ended when WhenAll returns or throws, so no work outlives this method.
            outcomes = await Task.WhenAll(calls).ConfigureAwait(false);
        }

        var report = new PurchaseReport(purchase.OrderId, outcomes);
        if (Array.Exists(outcomes, static o => o.InterruptedByCaller))
        {
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            throw new PurchaseReportCanceledException(report, cancellationToken);
        }

        activity?.SetStatus(report.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        return report;
    }

    public async Task<PurchasePreview> PreviewAsync(Purchase purchase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        PurchaseValidator.EnsureValid(purchase);
        if (purchase.OccurredAt is null)
        {
            purchase = purchase.WithOccurredAt(_time.GetUtcNow());
        }

        var previews = new ProviderPreview[_providers.Length];
        for (var i = 0; i < _providers.Length; i++)
        {
            previews[i] = await PreviewProviderAsync(_providers[i], purchase, cancellationToken).ConfigureAwait(false);
        }

        return new PurchasePreview(purchase.OrderId, previews);
    }

    private async Task<ProviderPreview> PreviewProviderAsync(IPurchaseProvider provider, Purchase purchase, CancellationToken cancellationToken)
    {
        var name = provider.Name;
        var recorder = new PreviewRecorder();
        TimeSpan? totalTimeout = _timeouts.TryGetValue(name, out var timeout) ? timeout.TotalTimeout : null;
        using var scope = ProviderCallScope.Begin(name, totalTimeout, _time, cancellationToken, recorder);
        try
        {
            var result = await provider.ReportAsync(purchase, scope.Token).ConfigureAwait(false);
            return new ProviderPreview
            {
                Provider = name,
                SkipReason = result?.Status == ProviderOutcomeStatus.Skipped ? result.Message : null,
                Requests = recorder.Requests,
                Notes = recorder.Notes,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One provider's failure to preview must not hide the others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return new ProviderPreview { Provider = name, Requests = recorder.Requests, Notes = recorder.Notes, Error = exception };
        }
    }

    private IPurchaseProvider[] Select(IReadOnlyCollection<string>? names)
    {
        if (names is null)
        {
            return _providers;
        }

        var selected = new List<IPurchaseProvider>(names.Count);
        foreach (var provider in _providers)
        {
            if (names.Contains(provider.Name, StringComparer.OrdinalIgnoreCase))
            {
                selected.Add(provider);
            }
        }

        foreach (var name in names)
        {
            if (!_providers.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException(
                    $"'{name}' is not a registered provider; registered: {string.Join(", ", _providers.Select(static p => p.Name))}. Nothing was sent.",
                    nameof(names));
            }
        }

        if (selected.Count == 0)
        {
            throw new ArgumentException("PurchaseReportOptions.Providers names no provider; nothing was sent.", nameof(names));
        }

        return [.. selected];
    }

    private async Task<ProviderOutcome> RunProviderAsync(IPurchaseProvider provider, Purchase purchase, bool resume, bool leaveCallerThread, CancellationToken cancellationToken)
    {
        if (leaveCallerThread)
        {
            // A provider that blocks before its first await must not delay the others.
            await Task.Yield();
        }

        var name = provider.Name;
        using var activity = PurchaseSdkTelemetry.ActivitySource.StartActivity("PurchaseSdk.Provider");
        activity?.SetTag("purchasesdk.provider", name);
        TimeSpan? totalTimeout = _timeouts.TryGetValue(name, out var timeout) ? timeout.TotalTimeout : null;
        using var scope = ProviderCallScope.Begin(name, totalTimeout, _time, cancellationToken);
        var started = _time.GetTimestamp();

        ProviderResult result;
        try
        {
            var call = resume
                ? provider.ReportAfterUncertainAttemptAsync(purchase, scope.Token)
                : provider.ReportAsync(purchase, scope.Token);
            result = await call.ConfigureAwait(false)
                ?? ProviderResult.Failed(new InvalidOperationException($"{name} returned no result."));
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's cancellation: ReportAsync throws it (PurchaseReportCanceledException), with what it cut off.
            return Interrupted(scope, exception, _time.GetElapsedTime(started));
        }
        catch (OperationCanceledException exception) when (scope.DeadlineReached)
        {
            result = Classify(DeadlineExceeded(scope, exception), scope);
        }
        catch (ProviderRequestException exception)
        {
            result = Classify(exception, scope);
        }
#pragma warning disable CA1031 // One provider's unexpected exception must become its outcome, never another's.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            result = scope.HadUncertainCreate
                ? ProviderResult.Indeterminate(exception, $"{name} failed unexpectedly after a request that may have been processed: {exception.GetType().Name}: {exception.Message} It was not sent again to avoid a duplicate.")
                : ProviderResult.Failed(exception, $"{name} failed unexpectedly: {exception.GetType().Name}: {exception.Message}");
        }

        if (result.Status == ProviderOutcomeStatus.Failed && scope.HadUncertainCreate && result.Error is { } error)
        {
            // A sequence that included a create that may have landed cannot end "not recorded".
            result = ProviderResult.Indeterminate(error, result.Message + " An earlier attempt may have been processed, so the purchase may have been recorded.");
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

    /// <summary>
    /// A call the caller's cancellation cut off: indeterminate when the provider may have recorded the purchase, else
    /// failed and not processed. Not counted in the metrics or logged as an outcome: the report as a whole was cancelled.
    /// </summary>
    private static ProviderOutcome Interrupted(ProviderCallScope scope, OperationCanceledException exception, TimeSpan elapsed)
    {
        var name = scope.Provider;
        var mayHaveRecorded = scope.ProviderMayHaveRecorded;
        var error = new ProviderRequestException(
            name,
            mayHaveRecorded
                ? $"The caller cancelled the report while {name} was being called, after {name} may have recorded the purchase."
                : $"The caller cancelled the report before {name} could have recorded the purchase.",
            mayHaveRecorded ? ProviderFailureKind.MaybeProcessed : ProviderFailureKind.NotProcessed,
            exception);
        return new ProviderOutcome
        {
            Provider = name,
            Status = mayHaveRecorded ? ProviderOutcomeStatus.Indeterminate : ProviderOutcomeStatus.Failed,
            Message = error.Message + (mayHaveRecorded ? " Report it again with EarlierAttemptMayHaveLanded, so that it is looked up first." : " Nothing was recorded; it can simply be sent again."),
            Error = error,
            Attempts = scope.Attempts,
            Elapsed = elapsed,
            InterruptedByCaller = true,
        };
    }

    /// <summary>The one rule from a failure to an outcome: maybe processed (and not safely repeatable) is indeterminate.</summary>
    private static ProviderResult Classify(ProviderRequestException exception, ProviderCallScope scope) =>
        scope.HadUncertainCreate || (exception.FailureKind == ProviderFailureKind.MaybeProcessed && !exception.IsSafeToRepeat)
            ? ProviderResult.Indeterminate(exception, exception.Message + (exception.FailureKind == ProviderFailureKind.MaybeProcessed
                ? " It was not sent again, to avoid a duplicate."
                : " An earlier attempt may have been processed, so the purchase may have been recorded; it was not sent again, to avoid a duplicate."))
            : ProviderResult.Failed(exception);

    private static ProviderRequestException DeadlineExceeded(ProviderCallScope scope, OperationCanceledException exception)
    {
        var kind = scope.HadUncertainCreate ? ProviderFailureKind.MaybeProcessed : ProviderFailureKind.NotProcessed;
        var seconds = (scope.TotalTimeout ?? TimeSpan.Zero).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        return new ProviderRequestException(scope.Provider, $"{scope.Provider} did not finish within its TotalTimeout of {seconds} s.", kind, exception);
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
