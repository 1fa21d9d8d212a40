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

    private readonly List<(Func<TimeSpan, bool> Due, TaskCompletionSource Started)> _timerWaiters = [];

    /// <summary>
    /// Completes when something starts a timer due in exactly <paramref name="due"/> (a server-side delay, say); fails
    /// after 30 s of real time (a failure detector, not a wait).
    /// </summary>
    public Task WaitForTimerAsync(TimeSpan due) => WaitForTimerAsync(started => started == due);

    /// <summary>
    /// Completes when something starts a timer (not one created with an infinite due time) whose due time <paramref name="matches"/>;
    /// fails after 30 s of real time.
    /// </summary>
    public Task WaitForTimerAsync(Func<TimeSpan, bool> matches)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_timerWaiters)
        {
            _timerWaiters.Add((matches, started));
        }

        return started.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private readonly List<DateTimeOffset> _dueTimes = [];
    private TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);

        // A timer created with Timeout.InfiniteTimeSpan (-1 ms: a CancellationTokenSource made with a TimeProvider, for
        // instance) is not started: it waits for nothing and matches no waiter.
        if (dueTime < TimeSpan.Zero)
        {
            return timer;
        }

        if (dueTime > TimeSpan.Zero)
        {
            // The fake clock scheduled the timer from its time when it took it, which the event loop may have moved on a
            // moment before: the time read now, after the timer exists, is the latest it can have been scheduled from, so
            // advancing to this instant always fires it. (An instant read before could be a few milliseconds early: the
            // loop advanced to it, nothing fired, and no new timer ever woke the loop again.) The fake clock's own lock is
            // never taken inside this class's locks.
            var dueAt = GetUtcNow() + dueTime;
            lock (_dueTimes)
            {
                _dueTimes.Add(dueAt);
                _timerCreated.TrySetResult();
            }
        }

        lock (_timerWaiters)
        {
            foreach (var waiter in _timerWaiters.Where(w => w.Due(dueTime)).ToList())
            {
                waiter.Started.TrySetResult();
                _timerWaiters.Remove(waiter);
            }
        }

        if (dueTime > TimeSpan.Zero && (Skips?.Invoke(dueTime) ?? dueTime < WaitThreshold))
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
            var first = await Guard(Task.WhenAny(operation, waitStarted), "waiting for the operation or a wait to skip");
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
    /// timer is started, or nothing has happened for 50 ms of real time while timers are pending, the clock jumps to the
    /// earliest pending timer due within <see cref="WaitThreshold"/>, so many waiters on the same instant cost that
    /// instant once (unlike <see cref="RunAsync{T}"/>, which adds up every wait). Timeouts further away never fire
    /// unless the test advances time itself.
    /// </summary>
    /// <param name="operation">The operation to run to completion.</param>
    /// <param name="settled">
    /// When given, time moves only once the task it returns has completed (say, once no HTTP request is in flight:
    /// a round trip then takes no simulated time).
    /// </param>
    public async Task<T> RunByEventsAsync<T>(Task<T> operation, Func<Task>? settled = null)
    {
        while (true)
        {
            Task created;
            bool waitersLeft;
            var before = GetUtcNow();
            lock (_dueTimes)
            {
                created = _timerCreated.Task;
                waitersLeft = _dueTimes.Exists(due => due > before && due - before < WaitThreshold);
            }

            // A new timer moves the clock on; so does quiet while timers are still pending (the advance fired some, and
            // what they woke started nothing new): then the next of them is due. The short real-time pause is the only
            // way to tell "nothing left to run before time moves" while real sockets are involved.
            var quiet = waitersLeft ? Task.Delay(TimeSpan.FromMilliseconds(50)) : Task.Delay(Timeout.Infinite);
            var first = await Guard(Task.WhenAny(operation, created, quiet), "waiting for the operation or a new timer");
            if (first == operation)
            {
                return await operation;
            }

            if (settled is not null)
            {
                await Guard(settled(), "waiting for the work in flight to settle");
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
                await Guard(Task.Run(() => Advance(due - now)), "advancing the clock");
            }
        }
    }

    /// <summary>
    /// Fails the test when <paramref name="step"/> of the event loop makes no progress for a minute of real time, and
    /// then keeps moving the clock on for a while: the work still waiting on it ends (the pipeline's disposal waits on
    /// this clock for in-flight calls), so a stalled test fails with this message instead of hanging the run.
    /// </summary>
    private async Task<TResult> Guard<TResult>(Task<TResult> step, string what)
    {
        try
        {
            return await step.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            DateTimeOffset? next;
            lock (_dueTimes)
            {
                next = _dueTimes.Count == 0 ? null : _dueTimes.Max();
            }

            var stalledAt = GetUtcNow();
            _ = Task.Run(async () =>
            {
                for (var i = 0; i < 600; i++)
                {
                    Advance(TimeSpan.FromMinutes(1));
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
            });
            throw new TimeoutException($"The event loop made no progress for 60 s of real time while {what}: the clock stood at {stalledAt:O}, the latest timer it knew of was due {next?.ToString("O") ?? "never"}.");
        }
    }

    private Task<bool> Guard(Task step, string what) => Guard(Wrap(step), what);

    private static async Task<bool> Wrap(Task operation)
    {
        await operation;
        return true;
    }
}
