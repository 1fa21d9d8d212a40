using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PurchaseSdk.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that lets a test run an operation to completion without real sleeping: whenever
/// the code under test starts a short wait (a retry backoff or a Retry-After), the clock jumps by exactly that wait.
/// Long timers (attempt and total timeouts, set to an hour in tests) never fire unless a test advances time itself.
/// </summary>
internal sealed class TestClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();
    private readonly List<TimeSpan> _waited = [];

    public TestClock()
        : this(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public TestClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Timers due sooner than this are waits the clock skips; longer ones are timeouts.</summary>
    public TimeSpan WaitThreshold { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Overrides <see cref="WaitThreshold"/>: which timers (by due time) are waits the clock skips.</summary>
    public Func<TimeSpan, bool>? Skips { get; set; }

    /// <summary>Every wait the clock skipped, in order.</summary>
    public IReadOnlyList<TimeSpan> Waited
    {
        get
        {
            lock (_waited)
            {
                return [.. _waited];
            }
        }
    }

    private readonly List<(TimeSpan Due, TaskCompletionSource Started)> _timerWaiters = [];

    /// <summary>
    /// Completes when something starts a timer due in exactly <paramref name="due"/> (a server-side delay, say); fails
    /// after 30 s of real time (a failure detector, not a wait).
    /// </summary>
    public Task WaitForTimerAsync(TimeSpan due)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_timerWaiters)
        {
            _timerWaiters.Add((due, started));
        }

        return started.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private readonly List<DateTimeOffset> _dueTimes = [];
    private TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            var dueAt = GetUtcNow() + dueTime; // the fake clock's own lock is never taken inside this class's locks
            lock (_dueTimes)
            {
                _dueTimes.Add(dueAt);
                _timerCreated.TrySetResult();
            }
        }

        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_timerWaiters)
        {
            foreach (var waiter in _timerWaiters.Where(w => w.Due == dueTime).ToList())
            {
                waiter.Started.TrySetResult();
                _timerWaiters.Remove(waiter);
            }
        }

        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && (Skips?.Invoke(dueTime) ?? dueTime < WaitThreshold))
        {
            _waits.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Awaits <paramref name="operation"/>, skipping every short wait it starts.</summary>
    public async Task<T> RunAsync<T>(Task<T> operation)
    {
        while (true)
        {
            var waitStarted = _waits.Reader.WaitToReadAsync().AsTask();
            var first = await Task.WhenAny(operation, waitStarted).WaitAsync(TimeSpan.FromSeconds(30));
            if (first == operation)
            {
                return await operation;
            }

            while (_waits.Reader.TryRead(out var wait))
            {
                lock (_waited)
                {
                    _waited.Add(wait);
                }

                Advance(wait);
            }
        }
    }

    /// <summary>Awaits <paramref name="operation"/>, skipping every short wait it starts.</summary>
    public async Task RunAsync(Task operation) => await RunAsync(Wrap(operation));

    /// <summary>
    /// Awaits <paramref name="operation"/> (typically many concurrent calls) as a discrete-event simulation: whenever a
    /// timer is started, the clock jumps to the earliest pending timer due within <see cref="WaitThreshold"/>, so many
    /// waiters on the same instant cost that instant once (unlike <see cref="RunAsync{T}"/>, which adds up every wait).
    /// Timeouts further away never fire unless the test advances time itself.
    /// </summary>
    public async Task<T> RunByEventsAsync<T>(Task<T> operation)
    {
        while (true)
        {
            Task created;
            lock (_dueTimes)
            {
                created = _timerCreated.Task;
            }

            var first = await Task.WhenAny(operation, created).WaitAsync(TimeSpan.FromSeconds(60));
            if (first == operation)
            {
                return await operation;
            }

            // Let every continuation that is already runnable start its own timer before time moves.
            await Task.Yield();
            DateTimeOffset? next;
            var now = GetUtcNow();
            lock (_dueTimes)
            {
                _timerCreated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _dueTimes.RemoveAll(due => due <= now);
                next = _dueTimes.Where(due => due - now < WaitThreshold).Select(static due => (DateTimeOffset?)due).Min();
            }

            if (next is { } due)
            {
                // The timers' callbacks (and the continuations they run inline) run on a pool thread, never on the
                // loop's own; an advance that does not return fails the test instead of stalling it.
                await Task.Run(() => Advance(due - now)).WaitAsync(TimeSpan.FromSeconds(60));
            }
        }
    }

    private static async Task<bool> Wrap(Task operation)
    {
        await operation;
        return true;
    }
}
