using Microsoft.Extensions.Time.Testing;

namespace PurchaseSdk.Delivery.Dashboard.Tests.Support;

/// <summary>A <see cref="FakeTimeProvider"/> that tells a test when something starts a timer of a given length (a sandbox holding its answer, say).</summary>
internal sealed class TestClock : FakeTimeProvider
{
    private readonly List<(TimeSpan Due, TaskCompletionSource Started)> _timerWaiters = [];

    public TestClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Completes when something starts a timer due in exactly <paramref name="due"/>; fails after 30 s of real time.</summary>
    public Task WaitForTimerAsync(TimeSpan due)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_timerWaiters)
        {
            _timerWaiters.Add((due, started));
        }

        return started.Task.WaitAsync(TimeSpan.FromSeconds(30));
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

        return timer;
    }
}
