using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PurchaseSdk.TestSupport;

/// <summary>
/// Listens to every span of every source and every measurement of every meter while it lives: each span that stops goes
/// to <c>spanStopped</c>, each measurement to <c>measured</c> with its instrument and its tags as <c>key=value</c>.
/// </summary>
internal sealed class TelemetryListener : IDisposable
{
    private readonly ActivityListener _spans;
    private readonly MeterListener _meters = new();

    public TelemetryListener(Action<Activity> spanStopped, Action<Instrument, IReadOnlyList<string>> measured)
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spanStopped,
        };
        ActivitySource.AddActivityListener(_spans);
        _meters.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measured(instrument, Tags(tags)));
        _meters.SetMeasurementEventCallback<int>((instrument, _, tags, _) => measured(instrument, Tags(tags)));
        _meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measured(instrument, Tags(tags)));
        _meters.Start();
    }

    /// <summary>Takes a measurement of every observable instrument now.</summary>
    public void RecordObservableInstruments() => _meters.RecordObservableInstruments();

    public void Dispose()
    {
        _spans.Dispose();
        _meters.Dispose();
    }

    private static List<string> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var list = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            list.Add($"{tag.Key}={tag.Value}");
        }

        return list;
    }
}
