using System.Diagnostics;

namespace PurchaseSdk.Tests.Support;

/// <summary>
/// Watches the runtime's own HTTP client instrumentation (the documented <c>HttpHandlerDiagnosticListener</c>
/// events <c>System.Net.Http.HttpRequestOut.Start</c> and <c>.Stop</c>, written by the socket handler for every request
/// it is given) for one server port: when a request reached the socket handler, and when its response headers were
/// received. A test that must act once the SDK is connecting or reading a body (advance the clock, cancel) awaits
/// these instead of sleeping. It relies on the runtime's telemetry, not on any SDK internals.
/// </summary>
/// <remarks>
/// The <c>System.Net.Http</c> ActivitySource is no substitute: its activity gets its <c>server.port</c> tag only after it
/// started, so a start cannot be told apart by port.
/// </remarks>
internal sealed class HttpClientProbe : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string StartEvent = "System.Net.Http.HttpRequestOut.Start";
    private const string StopEvent = "System.Net.Http.HttpRequestOut.Stop";

    private readonly int _port;
    private readonly object _gate = new();
    private readonly List<(bool Headers, int N, TaskCompletionSource Done)> _waiters = [];
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;
    private int _started;
    private int _headers;

    public HttpClientProbe(int port)
    {
        _port = port;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>How many requests to the port were handed to the socket handler.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Completes when the <paramref name="n"/>-th request to the port was handed to the socket handler.</summary>
    public Task RequestStarted(int n) => Wait(headers: false, n);

    /// <summary>Completes when the response headers of the <paramref name="n"/>-th answer from the port were received.</summary>
    public Task HeadersReceived(int n = 1) => Wait(headers: true, n);

    public void Dispose()
    {
        _all.Dispose();
        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == "HttpHandlerDiagnosticListener")
        {
            lock (_gate)
            {
                _subscriptions.Add(value.Subscribe(this, static (name, _, _) => name.StartsWith("System.Net.Http.HttpRequestOut", StringComparison.Ordinal)));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        var headers = value.Key switch
        {
            StartEvent => false,
            StopEvent => true,
            _ => (bool?)null,
        };
        if (headers is null || value.Value is not { } payload)
        {
            return;
        }

        var request = Property(payload, "Request") as HttpRequestMessage;
        if (request?.RequestUri is not { IsAbsoluteUri: true } uri || uri.Port != _port)
        {
            return;
        }

        if (headers.Value && Property(payload, "Response") is null)
        {
            return; // The request failed: no headers were received.
        }

        lock (_gate)
        {
            var count = headers.Value ? ++_headers : ++_started;
            foreach (var waiter in _waiters.Where(w => w.Headers == headers.Value && count >= w.N).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    private static object? Property(object payload, string name) => payload.GetType().GetProperty(name)?.GetValue(payload);

    private Task Wait(bool headers, int n)
    {
        lock (_gate)
        {
            if ((headers ? _headers : _started) >= n)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((headers, n, done));
            return done.Task;
        }
    }
}
