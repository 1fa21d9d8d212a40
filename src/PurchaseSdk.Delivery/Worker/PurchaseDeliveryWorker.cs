using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PurchaseSdk.Delivery.Diagnostics;
using PurchaseSdk.Delivery.Outbox;
using PurchaseSdk.Delivery.Payload;
using PurchaseSdk.Delivery.Storage;

namespace PurchaseSdk.Delivery.Worker;

/// <summary>
/// The delivery worker: claims due deliveries under a lease, reports each to its one provider, records the outcome.
/// On shutdown it stops claiming and lets in-flight deliveries finish; when the host's shutdown timeout ends first,
/// it cancels them and gives them back (an attempt already sent is marked, so the next one asks before sending).
/// </summary>
internal sealed class PurchaseDeliveryWorker : BackgroundService
{
    private readonly IDeliveryStore _store;
    private readonly IPurchaseReporter _reporter;
    private readonly DeliveryPayloadSerializer _serializer;
    private readonly DeliverySignal _signal;
    private readonly PurchaseDeliveryMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PurchaseDeliveryOptions _options;
    private readonly DeliveryOutcomeMapper _mapper;
    private readonly CancellationTokenSource _abort = new();
    private readonly object _gate = new();
    private readonly HashSet<Task> _inFlight = [];
    private readonly int _claimThreshold;
    private readonly TimeSpan _statisticsInterval;
    private readonly TimeSpan _callAllowance;
    private volatile bool _moreMayBeDue;
    private long _lastStatistics = long.MinValue;

    public PurchaseDeliveryWorker(
        IDeliveryStore store,
        IPurchaseReporter reporter,
        DeliveryPayloadSerializer serializer,
        DeliverySignal signal,
        PurchaseDeliveryMetrics metrics,
        IOptions<PurchaseDeliveryOptions> options,
        TimeProvider time,
        ILogger<PurchaseDeliveryWorker> logger)
    {
        _store = store;
        _reporter = reporter;
        _serializer = serializer;
        _signal = signal;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _options = options.Value;
        _mapper = new DeliveryOutcomeMapper(_options);
        _claimThreshold = Math.Max(1, Math.Min(_options.BatchSize, _options.MaxConcurrency) / 4);
        _statisticsInterval = _options.PollInterval > StatisticsInterval ? _options.PollInterval : StatisticsInterval;
        _callAllowance = CallAllowance(_options.LeaseDuration);
        Name = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");
    }

    /// <summary>
    /// How long after its claim a delivery's provider call may run: the lease, less what recording the outcome needs (a
    /// fifth of the lease, at most 30 s). A call still running then is cut off and given back as one that may have been
    /// sent, so the lease of a live worker never runs out under it and no other worker sends the purchase meanwhile.
    /// </summary>
    internal static TimeSpan CallAllowance(TimeSpan leaseDuration) =>
        leaseDuration - (leaseDuration / 5 < MaxRecordingTime ? leaseDuration / 5 : MaxRecordingTime);

    private static readonly TimeSpan MaxRecordingTime = TimeSpan.FromSeconds(30);

    /// <summary>The longest due time a timer takes (about 49 days); a longer allowance needs no timer.</summary>
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>How often at most the gauges' statistics are read from the store.</summary>
    private static readonly TimeSpan StatisticsInterval = TimeSpan.FromSeconds(5);

    /// <summary>This worker's lease owner name: machine, process and a random part.</summary>
    public string Name { get; }

    private int InFlightCount
    {
        get
        {
            lock (_gate)
            {
                return _inFlight.Count;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        DeliveryLog.WorkerStopping(_logger, Name, InFlightCount);

        // The host's shutdown timeout: past it, in-flight calls are cancelled and given back.
        using var registration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _abort);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // Past the timeout the cancelled calls give their deliveries back; that takes a moment, let it finish.
        if (ExecuteTask is { IsCompleted: false } execute)
        {
            await Task.WhenAny(execute, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DeliveryLog.WorkerStarted(_logger, Name, _options.MaxConcurrency, (long)_options.LeaseDuration.TotalSeconds);
        await RetryStoreAsync(ct => _store.InitializeAsync(ct), stoppingToken).ConfigureAwait(false);

        // A store that hears of deliveries enqueued by other instances wakes this worker at once; polling stays the fallback.
        var listening = _store is IDeliveryNotifications notifications
            ? Task.Run(() => notifications.ListenAsync(_signal.Wake, stoppingToken), CancellationToken.None)
            : Task.CompletedTask;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                _signal.Reset();
                var claimedAll = false;
                try
                {
                    await RefreshStatisticsAsync(stoppingToken).ConfigureAwait(false);
                    claimedAll = await ClaimAndStartAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
#pragma warning disable CA1031 // The store may be briefly unavailable; the worker must outlive that.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    DeliveryLog.StoreFailed(_logger, exception, (long)_options.PollInterval.TotalSeconds);
                }

                if (claimedAll && InFlightCount < _options.MaxConcurrency)
                {
                    continue;
                }

                try
                {
                    await _signal.WaitAsync(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        finally
        {
            await DrainAsync().ConfigureAwait(false);
            await ListenedAsync(listening).ConfigureAwait(false);
        }
    }

    private async Task ListenedAsync(Task listening)
    {
        try
        {
            await listening.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped with the worker.
        }
#pragma warning disable CA1031 // A listener that failed only costs wake-ups; polling went on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            DeliveryLog.StoreFailed(_logger, exception, (long)_options.PollInterval.TotalSeconds);
        }
    }

    /// <summary>
    /// Delivers everything due now, to completion, then returns: the worker's loop without the waiting, for tests and
    /// for hosts that drive delivery themselves.
    /// </summary>
    internal async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var total = 0;
        while (true)
        {
            var claimedAt = _time.GetTimestamp();
            var claimed = await _store.ClaimAsync(Name, _options.BatchSize, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (claimed.Count == 0)
            {
                break;
            }

            total += claimed.Count;
            var payloads = new PayloadCache(_serializer);
            using var slots = new SemaphoreSlim(_options.MaxConcurrency);
            await Task.WhenAll(claimed.Select(async d =>
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await ProcessAsync(d, payloads, claimedAt).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            })).ConfigureAwait(false);
        }

        await RefreshStatisticsAsync(cancellationToken, force: true).ConfigureAwait(false);
        return total;
    }

    /// <summary>Cancels every in-flight call, as the end of the host's shutdown timeout does.</summary>
    internal void AbortInFlight() => _abort.Cancel();

    private async Task<bool> ClaimAndStartAsync(CancellationToken stoppingToken)
    {
        var free = _options.MaxConcurrency - InFlightCount;
        if (free <= 0)
        {
            _moreMayBeDue = true;
            return false;
        }

        var wanted = Math.Min(free, _options.BatchSize);
        var claimedAt = _time.GetTimestamp();
        var claimed = await _store.ClaimAsync(Name, wanted, _options.LeaseDuration, stoppingToken).ConfigureAwait(false);
        _moreMayBeDue = claimed.Count == wanted;
        var payloads = new PayloadCache(_serializer);
        foreach (var delivery in claimed)
        {
            Start(delivery, payloads, claimedAt);
        }

        return claimed.Count == wanted;
    }

    private void Start(ClaimedDelivery delivery, PayloadCache payloads, long claimedAt)
    {
        var task = Task.Run(() => ProcessAsync(delivery, payloads, claimedAt), CancellationToken.None);
        lock (_gate)
        {
            _inFlight.Add(task);
        }

        _ = task.ContinueWith(
            static (t, state) =>
            {
                var worker = (PurchaseDeliveryWorker)state!;
                lock (worker._gate)
                {
                    worker._inFlight.Remove(t);
                }

                // Claim again once a useful number of slots is free, not after every single delivery.
                if (worker._moreMayBeDue && worker._options.MaxConcurrency - worker.InFlightCount >= worker._claimThreshold)
                {
                    worker._signal.Wake();
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task DrainAsync()
    {
        Task[] remaining;
        lock (_gate)
        {
            remaining = [.. _inFlight];
        }

        await Task.WhenAll(remaining).ConfigureAwait(false);
    }

    /// <summary>
    /// Attempts one claimed delivery and records how it ended. Never throws. <paramref name="claimedAt"/> (a timestamp of
    /// <see cref="TimeProvider"/> taken before the claim) starts the <see cref="CallAllowance"/>.
    /// </summary>
    private async Task ProcessAsync(ClaimedDelivery delivery, PayloadCache payloads, long claimedAt)
    {
        var attempt = delivery.Attempts + 1;
        using var activity = StartActivity(delivery, attempt);
        var started = false;
        try
        {
            Purchase purchase;
            try
            {
                purchase = payloads.Read(delivery);
            }
            catch (DeliveryPayloadException exception)
            {
                await CompleteAsync(delivery, attempt, activity, new DeliveryCompletion
                {
                    State = DeliveryState.Failed,
                    Outcome = DeliveryAttemptOutcome.Failed,
                    AttemptStarted = false,
                    Message = exception.Message,
                }).ConfigureAwait(false);
                return;
            }

            if (delivery.EarlierAttemptMayHaveLanded)
            {
                DeliveryLog.Resuming(_logger, delivery.Lease.DeliveryId, delivery.OrderId, delivery.Provider);
            }

            // The call's share of the lease runs from the claim (the store's own marker below counts against it). A
            // delivery that waited for a slot until less than half of that share is left is given back unsent.
            var allowance = _callAllowance - _time.GetElapsedTime(claimedAt);
            if (allowance < _callAllowance / 2)
            {
                await _store.ReleaseAsync(delivery.Lease, mayHaveBeenSent: false, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            using var leaseRunningOut = allowance < MaxTimerDue ? new CancellationTokenSource(allowance, _time) : new CancellationTokenSource();
            using var call = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, leaseRunningOut.Token);

            // The marker before the call: from here on the provider may receive the purchase.
            if (!await _store.MarkAttemptStartedAsync(delivery.Lease, CancellationToken.None).ConfigureAwait(false))
            {
                DeliveryLog.LeaseLost(_logger, delivery.Lease.DeliveryId, delivery.OrderId, delivery.Provider);
                return;
            }

            started = true;
            DeliveryCompletion completion;
            try
            {
                var report = await _reporter.ReportAsync(
                    purchase,
                    new PurchaseReportOptions { Providers = [delivery.Provider], EarlierAttemptMayHaveLanded = delivery.EarlierAttemptMayHaveLanded },
                    call.Token).ConfigureAwait(false);
                completion = _mapper.Map(delivery, report.Outcomes[0]);
            }
            catch (PurchaseReportCanceledException canceled) when (_abort.IsCancellationRequested)
            {
                // The host is stopping: given back, due again at once, marked "may have landed" only when the provider
                // may have recorded it (a create written without an answer, or accepted), so the next attempt asks.
                var mayHaveBeenSent = canceled.Report.Outcomes[0].Status != ProviderOutcomeStatus.Failed;
                await _store.ReleaseAsync(delivery.Lease, mayHaveBeenSent, CancellationToken.None).ConfigureAwait(false);
                _metrics.RecordAttempt(delivery.Provider, DeliveryAttemptOutcome.Interrupted);
                activity?.SetTag("purchasesdk.delivery.outcome", PurchaseDeliveryMetrics.OutcomeName(DeliveryAttemptOutcome.Interrupted));
                DeliveryLog.Interrupted(_logger, delivery.Lease.DeliveryId, delivery.OrderId, delivery.Provider, mayHaveBeenSent ? "after it may have been recorded; the next attempt asks the provider first" : "before anything was recorded; the next attempt sends it");
                return;
            }
            catch (PurchaseReportCanceledException canceled) when (leaseRunningOut.IsCancellationRequested)
            {
                // The lease was about to run out: the call ends like one that reached its deadline (indeterminate when
                // the provider may have recorded it, else not processed and rescheduled with backoff, up to MaxAge).
                var interrupted = canceled.Report.Outcomes[0];
                DeliveryLog.CutOffBeforeLeaseEnd(_logger, delivery.Lease.DeliveryId, delivery.OrderId, delivery.Provider, (long)_options.LeaseDuration.TotalSeconds);
                completion = _mapper.Map(delivery, new ProviderOutcome
                {
                    Provider = interrupted.Provider,
                    Status = interrupted.Status,
                    Error = interrupted.Error,
                    Attempts = interrupted.Attempts,
                    Elapsed = interrupted.Elapsed,
                    Message = string.Create(
                        CultureInfo.InvariantCulture,
                        $"Cut off before the worker's lease ({_options.LeaseDuration:g}) ran out: {interrupted.Provider} did not finish in time, {(interrupted.Status == ProviderOutcomeStatus.Indeterminate ? "after it may have recorded the purchase; it was not sent again, to avoid a duplicate." : "before it can have recorded anything.")} Keep LeaseDuration well above the provider's TotalTimeout."),
                });
            }
            catch (OperationCanceledException) when (call.IsCancellationRequested)
            {
                // Cancelled before any provider was called: nothing was sent.
                await _store.ReleaseAsync(delivery.Lease, mayHaveBeenSent: false, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (PurchaseValidationException exception)
            {
                completion = Failed("The stored purchase is no longer valid for this version of PurchaseSdk: " + exception.Message);
            }
            catch (ArgumentException exception)
            {
                completion = Failed($"{delivery.Provider} is not a provider of this application any more ({exception.Message}); add it back and re-drive the delivery.");
            }
#pragma warning disable CA1031 // Anything unexpected from the reporter is a failure of this delivery, retried later.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                completion = _mapper.Reschedule(delivery, null, null, $"Reporting failed unexpectedly: {exception.GetType().Name}: {exception.Message}");
            }

            await CompleteAsync(delivery, attempt, activity, completion).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The store failed: the lease expires and the delivery is resumed (asking first when it was sent).
        catch (Exception exception)
#pragma warning restore CA1031
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            DeliveryLog.StoreFailed(_logger, exception, (long)_options.LeaseDuration.TotalSeconds);
            _ = started;
        }
    }

    /// <summary>One claim's purchases, each read (and its contexts unprotected) once for all its providers' deliveries.</summary>
    private sealed class PayloadCache
    {
        private readonly DeliveryPayloadSerializer _serializer;
        private readonly Dictionary<string, Lazy<Purchase>> _read = new(StringComparer.Ordinal);

        public PayloadCache(DeliveryPayloadSerializer serializer) => _serializer = serializer;

        public Purchase Read(ClaimedDelivery delivery)
        {
            Lazy<Purchase> read;
            lock (_read)
            {
                if (!_read.TryGetValue(delivery.OrderId, out read!))
                {
                    var payload = delivery.Payload;
                    read = new Lazy<Purchase>(() => _serializer.Deserialize(payload), LazyThreadSafetyMode.ExecutionAndPublication);
                    _read[delivery.OrderId] = read;
                }
            }

            return read.Value;
        }
    }

    private static DeliveryCompletion Failed(string message) => new()
    {
        State = DeliveryState.Failed,
        Outcome = DeliveryAttemptOutcome.Failed,
        Message = message,
    };

    private async Task CompleteAsync(ClaimedDelivery delivery, int attempt, Activity? activity, DeliveryCompletion completion)
    {
        if (!await _store.CompleteAsync(delivery.Lease, completion, CancellationToken.None).ConfigureAwait(false))
        {
            DeliveryLog.LeaseLost(_logger, delivery.Lease.DeliveryId, delivery.OrderId, delivery.Provider);
            return;
        }

        _metrics.RecordAttempt(delivery.Provider, completion.Outcome);
        activity?.SetTag("purchasesdk.delivery.outcome", PurchaseDeliveryMetrics.OutcomeName(completion.Outcome));
        var id = delivery.Lease.DeliveryId;
        switch (completion.State)
        {
            case DeliveryState.Pending:
                DeliveryLog.Rescheduled(_logger, id, delivery.OrderId, delivery.Provider, Math.Round(completion.RetryAfter.TotalSeconds, 1), attempt, completion.Message);
                break;
            case DeliveryState.Failed:
                activity?.SetStatus(ActivityStatusCode.Error, "failed");
                DeliveryLog.Dead(_logger, id, delivery.OrderId, delivery.Provider, attempt, completion.Message);
                break;
            case DeliveryState.Indeterminate:
                activity?.SetStatus(ActivityStatusCode.Error, "indeterminate");
                DeliveryLog.Parked(_logger, id, delivery.OrderId, delivery.Provider, attempt, completion.Message);
                break;
            default:
                DeliveryLog.Finished(_logger, id, delivery.OrderId, delivery.Provider, completion.Outcome, attempt, completion.ProviderReference is { } r ? ": " + r : string.Empty);
                break;
        }
    }

    private static Activity? StartActivity(ClaimedDelivery delivery, int attempt)
    {
        if (!PurchaseDeliveryTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        // A new trace per attempt, linked to the trace that enqueued the purchase.
        Activity.Current = null;
        ActivityLink[]? links = null;
        if (delivery.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, delivery.TraceState, out var enqueued))
        {
            links = [new ActivityLink(enqueued)];
        }

        var activity = PurchaseDeliveryTelemetry.ActivitySource.StartActivity(
            PurchaseDeliveryTelemetry.AttemptActivityName, ActivityKind.Internal, default(ActivityContext), tags: null, links: links);
        activity?.SetTag("purchasesdk.provider", delivery.Provider);
        activity?.SetTag("purchasesdk.delivery.id", delivery.Lease.DeliveryId);
        activity?.SetTag("purchasesdk.delivery.attempt", attempt);
        activity?.SetTag("purchasesdk.delivery.resumed", delivery.EarlierAttemptMayHaveLanded);
        return activity;
    }

    private async Task RefreshStatisticsAsync(CancellationToken cancellationToken, bool force = false)
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastStatistics);
        if (!force && last != long.MinValue && _time.GetElapsedTime(last, now) < _statisticsInterval)
        {
            return;
        }

        Interlocked.Exchange(ref _lastStatistics, now);
        _metrics.Update(await _store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task RetryStoreAsync(Func<CancellationToken, Task> operation, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await operation(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The store may not be reachable yet.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                DeliveryLog.StoreFailed(_logger, exception, (long)_options.PollInterval.TotalSeconds);
                try
                {
                    await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
