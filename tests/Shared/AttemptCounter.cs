using System.Diagnostics.Metrics;

namespace PurchaseSdk.TestSupport;

/// <summary>
/// Counts recorded delivery attempts (the <c>purchasesdk.delivery.attempts</c> counter; with a meter factory, only the
/// host's that created it, told apart from other hosts') and signals when a number is reached: tests wait on it, never sleep.
/// </summary>
internal sealed class AttemptCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly CountSignal _attempts = new();

    public AttemptCounter(IMeterFactory? scope = null)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "purchasesdk.delivery.attempts" && (scope is null || ReferenceEquals(instrument.Meter.Scope, scope)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => _attempts.Add((int)value));
        _listener.Start();
    }

    public int Count => _attempts.Count;

    /// <summary>Completes once <paramref name="count"/> attempts in all were recorded; fails after 30 s of real time (a failure detector, not a wait).</summary>
    public Task WaitForAsync(int count) => _attempts.ReachedAsync(count).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Completes once <paramref name="more"/> attempts beyond those counted so far were recorded.</summary>
    public Task WaitForMoreAsync(int more) => WaitForAsync(Count + more);

    public void Dispose() => _listener.Dispose();
}
