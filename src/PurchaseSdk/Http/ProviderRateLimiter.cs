using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace PurchaseSdk.Http;

/// <summary>
/// One provider's request budgets (System.Threading.RateLimiting sliding windows), shared by every client of the
/// provider (the reporter and the typed clients alike), one per budget bucket and, where the provider counts per
/// credential, per credential. A request waits for a permit when the wait is short; when it would outlast
/// <c>MaxRetryAfter</c>, or would leave less than one <c>AttemptTimeout</c> before the call's deadline, it is refused
/// at once, not processed, with the wait as its <c>RetryAfter</c>. A provider's own 429 with a known wait blocks the budget until then. Windows are replenished
/// from the injected <see cref="TimeProvider"/>'s clock when a permit is asked for, and a waiting request waits on that
/// clock for the next segment, so no timer runs while nothing waits.
/// </summary>
internal sealed class ProviderRateLimiter : IDisposable
{
    private const int SegmentsPerWindow = 10;

    private readonly string _provider;
    private readonly Func<PurchaseProviderOptions> _options;
    private readonly ProviderHttpBehavior _behavior;
    private readonly TimeProvider _time;
    private readonly PurchaseSdkMetrics _metrics;
    private readonly ConcurrentDictionary<(string Bucket, string Credential), Budget> _budgets = new();

    public ProviderRateLimiter(string provider, Func<PurchaseProviderOptions> options, ProviderHttpBehavior behavior, TimeProvider time, PurchaseSdkMetrics metrics)
    {
        _provider = provider;
        _options = options;
        _behavior = behavior;
        _time = time;
        _metrics = metrics;
    }

    /// <summary>Gets a permit for <paramref name="request"/>, waiting when the wait is allowed; a refused lease carries the wait.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(HttpRequestMessage? request, CancellationToken cancellationToken)
    {
        if (request is null || ProviderCallScope.Current?.Preview is not null || Find(request, create: true) is not { } budget)
        {
            return Unlimited.Instance;
        }

        var options = _options();
        var deadline = ProviderRequestState.Get(request)?.Deadline;
        // A wait is allowed only while a whole attempt still fits before the deadline: a request sent with less time
        // than its attempt timeout could be cut off after sending, and a purchase that may have landed is worse than
        // one refused before it was sent (which the caller or the delivery worker simply sends later).
        var allowed = deadline is { } end
            ? Min(options.Resilience.MaxRetryAfter, Max(TimeSpan.Zero, end - _time.GetUtcNow() - options.Resilience.AttemptTimeout))
            : options.Resilience.MaxRetryAfter;
        var started = _time.GetTimestamp();

        // The provider said when its budget returns: honour it before asking our own.
        var blocked = budget.BlockedUntil - _time.GetUtcNow();
        if (blocked > TimeSpan.Zero)
        {
            if (blocked > allowed)
            {
                return Refuse(blocked);
            }

            await Task.Delay(blocked, _time, cancellationToken).ConfigureAwait(false);
        }

        RateLimitLease lease;
        while (true)
        {
            budget.ReplenishDue(_time.GetUtcNow());
            lease = budget.Limiter.AttemptAcquire(1);
            if (lease.IsAcquired)
            {
                break;
            }

            lease.Dispose();
            var wait = budget.UntilNextSegment(_time.GetUtcNow());
            if (_time.GetElapsedTime(started) + wait > allowed || !budget.TryEnterQueue())
            {
                return Refuse(wait);
            }

            try
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                budget.LeaveQueue();
            }
        }

        if (_time.GetElapsedTime(started) is { Ticks: > 0 } waited)
        {
            _metrics.RecordRateLimitWait(_provider, waited);
        }

        return lease;
    }

    /// <summary>The provider refused a request with 429: when it named a wait, the budget is closed until then.</summary>
    public void OnRefused(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (_behavior.GetRetryAfter(response, _time) is { } wait && wait > TimeSpan.Zero && Find(request, create: true) is { } budget)
        {
            budget.BlockUntil(_time.GetUtcNow() + wait);
        }
    }

    public void Dispose()
    {
        foreach (var budget in _budgets.Values)
        {
            budget.Dispose();
        }
    }

    private Refused Refuse(TimeSpan wait)
    {
        _metrics.RecordRateLimitRefusal(_provider);
        return new Refused(wait);
    }

    private Budget? Find(HttpRequestMessage request, bool create)
    {
        var options = _options();
        var bucket = _behavior.GetRateLimitBucket(request);
        if (options.GetRateLimit(bucket) is not { Enabled: true, PermitLimit: > 0 } limit || limit.Window <= TimeSpan.Zero)
        {
            return null;
        }

        var credential = limit.PerCredential ? string.Join('\n', options.GetSecrets().Select(static s => s.Value)) : string.Empty;
        var key = (bucket, credential);
        if (_budgets.TryGetValue(key, out var budget) && budget.Matches(limit))
        {
            return budget;
        }

        if (!create)
        {
            return null;
        }

        var fresh = new Budget(limit, _time.GetUtcNow());
        var stored = _budgets.AddOrUpdate(key, fresh, (_, old) => old.Matches(limit) ? old : fresh);
        if (!ReferenceEquals(stored, fresh))
        {
            fresh.Dispose();
        }

        return stored;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// One budget: a <see cref="SlidingWindowRateLimiter"/> of ten segments that the injected clock slides segment by
    /// segment. The limiter only counts; time is ours. (Its own replenishment gate reads the real
    /// <see cref="System.Diagnostics.Stopwatch"/>, so it is built with a one-tick segment, always due, and this class
    /// calls <see cref="ReplenishingRateLimiter.TryReplenish"/> once per segment of the injected clock.)
    /// </summary>
    private sealed class Budget : IDisposable
    {
        private readonly int _permits;
        private readonly TimeSpan _window;
        private readonly int _queue;
        private readonly object _replenishing = new();
        private static readonly TimeSpan OneTick = TimeSpan.FromTicks(2);
        private DateTimeOffset _nextSegment;
        private long _lastReplenished;
        private int _waiting;
        private long _blockedUntilTicks;

        public Budget(ProviderRateLimitOptions limit, DateTimeOffset now)
        {
            _permits = limit.PermitLimit;
            _window = limit.Window;
            _queue = Math.Max(0, limit.QueueLimit);
            Period = limit.Window / SegmentsPerWindow;
            _nextSegment = now + Period;
            Limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = _permits,
                Window = TimeSpan.FromTicks(SegmentsPerWindow),
                SegmentsPerWindow = SegmentsPerWindow,
                QueueLimit = 0,
                AutoReplenishment = false,
            });
        }

        public SlidingWindowRateLimiter Limiter { get; }

        public TimeSpan Period { get; }

        public DateTimeOffset BlockedUntil => new(Interlocked.Read(ref _blockedUntilTicks), TimeSpan.Zero);

        public bool Matches(ProviderRateLimitOptions limit) =>
            limit.PermitLimit == _permits && limit.Window == _window && Math.Max(0, limit.QueueLimit) == _queue;

        /// <summary>Moves the window on by every segment that has ended by <paramref name="now"/>.</summary>
        public void ReplenishDue(DateTimeOffset now)
        {
            lock (_replenishing)
            {
                for (var segments = 0; now >= _nextSegment; segments++)
                {
                    if (segments < SegmentsPerWindow)
                    {
                        // The limiter ignores a second replenishment within one real tick of the first.
                        var spin = new SpinWait();
                        while (System.Diagnostics.Stopwatch.GetElapsedTime(_lastReplenished) < OneTick)
                        {
                            spin.SpinOnce();
                        }

                        Limiter.TryReplenish();
                        _lastReplenished = System.Diagnostics.Stopwatch.GetTimestamp();
                    }

                    _nextSegment += Period;
                }
            }
        }

        public TimeSpan UntilNextSegment(DateTimeOffset now)
        {
            lock (_replenishing)
            {
                var wait = _nextSegment - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1);
            }
        }

        public bool TryEnterQueue()
        {
            if (Interlocked.Increment(ref _waiting) <= _queue)
            {
                return true;
            }

            Interlocked.Decrement(ref _waiting);
            return false;
        }

        public void LeaveQueue() => Interlocked.Decrement(ref _waiting);

        public void BlockUntil(DateTimeOffset until)
        {
            var ticks = until.UtcTicks;
            long current;
            while ((current = Interlocked.Read(ref _blockedUntilTicks)) < ticks
                && Interlocked.CompareExchange(ref _blockedUntilTicks, ticks, current) != current)
            {
            }
        }

        public void Dispose() => Limiter.Dispose();
    }

    /// <summary>A request the budget lets through without counting (no limit configured).</summary>
    private sealed class Unlimited : RateLimitLease
    {
        public static readonly Unlimited Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    /// <summary>A refusal that says how long to wait.</summary>
    private sealed class Refused(TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
