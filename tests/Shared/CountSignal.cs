namespace PurchaseSdk.TestSupport;

/// <summary>A count that only grows, and tasks that complete when it reaches a number: what a test waits on instead of sleeping.</summary>
internal sealed class CountSignal
{
    private readonly object _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _count;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Adds <paramref name="amount"/> and completes every wait the count now reaches.</summary>
    public void Add(int amount = 1)
    {
        lock (_gate)
        {
            _count += amount;
            foreach (var waiter in _waiters.Where(w => _count >= w.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes once the count is at least <paramref name="count"/> (at once when it already is).</summary>
    public Task ReachedAsync(int count)
    {
        lock (_gate)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>Cancels every wait the count has not reached.</summary>
    public void CancelWaits()
    {
        lock (_gate)
        {
            foreach (var (_, reached) in _waiters)
            {
                reached.TrySetCanceled();
            }

            _waiters.Clear();
        }
    }
}
