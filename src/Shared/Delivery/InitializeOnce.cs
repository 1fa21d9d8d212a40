namespace PurchaseSdk.Delivery.Storage;

/// <summary>
/// Runs a store's start-up work (schema creation, version check) once, for every store (linked as source into each
/// store package): callers that arrive together wait for the first, later callers return at once, and work that
/// failed or was cancelled is tried again by the next caller.
/// </summary>
internal sealed class InitializeOnce : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    /// <summary>True once the work has completed.</summary>
    public bool IsDone => _done;

    /// <summary>Runs <paramref name="initialize"/> unless it has completed before.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> initialize, CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_done)
            {
                await initialize(cancellationToken).ConfigureAwait(false);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
