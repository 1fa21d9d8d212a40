using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PurchaseSdk.Delivery.Tests.Support;

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
        : base(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero))
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

    /// <summary>Completes when something starts a timer due in exactly <paramref name="due"/> (a server-side delay, say).</summary>
    public Task WaitForTimerAsync(TimeSpan due)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_timerWaiters)
        {
            _timerWaiters.Add((due, started));
        }

        return started.Task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
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

    private static async Task<bool> Wrap(Task operation)
    {
        await operation;
        return true;
    }
}
