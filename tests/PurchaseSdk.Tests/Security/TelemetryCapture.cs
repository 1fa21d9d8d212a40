using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PurchaseSdk.Tests.Security;

/// <summary>Collects every span tag and metric tag emitted while it lives, from every source and meter.</summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ConcurrentQueue<string> _values = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();

    public TelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                _values.Enqueue(activity.DisplayName);
                _values.Enqueue(activity.StatusDescription ?? string.Empty);
                foreach (var tag in activity.TagObjects)
                {
                    _values.Enqueue($"{tag.Key}={tag.Value}");
                }

                foreach (var e in activity.Events)
                {
                    foreach (var tag in e.Tags)
                    {
                        _values.Enqueue($"{tag.Key}={tag.Value}");
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _meters.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags));
        _meters.SetMeasurementEventCallback<int>((_, _, tags, _) => Record(tags));
        _meters.SetMeasurementEventCallback<double>((_, _, tags, _) => Record(tags));
        _meters.Start();
    }

    public IReadOnlyList<string> Values => [.. _values];

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            _values.Enqueue($"{tag.Key}={tag.Value}");
        }
    }
}
