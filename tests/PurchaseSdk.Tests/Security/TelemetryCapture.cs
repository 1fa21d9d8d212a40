using System.Collections.Concurrent;

namespace PurchaseSdk.Tests.Security;

/// <summary>Collects every span tag and metric tag emitted while it lives, from every source and meter.</summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ConcurrentQueue<string> _values = new();
    private readonly TelemetryListener _listener;

    public TelemetryCapture()
    {
        _listener = new TelemetryListener(
            span =>
            {
                _values.Enqueue(span.DisplayName);
                _values.Enqueue(span.StatusDescription ?? string.Empty);
                foreach (var tag in span.TagObjects)
                {
                    _values.Enqueue($"{tag.Key}={tag.Value}");
                }

                foreach (var e in span.Events)
                {
                    foreach (var tag in e.Tags)
                    {
                        _values.Enqueue($"{tag.Key}={tag.Value}");
                    }
                }
            },
            (_, tags) =>
            {
                foreach (var tag in tags)
                {
                    _values.Enqueue(tag);
                }
            });
    }

    public IReadOnlyList<string> Values => [.. _values];

    public void Dispose() => _listener.Dispose();
}
