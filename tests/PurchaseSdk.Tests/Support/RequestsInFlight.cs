using Microsoft.Extensions.Http;

namespace PurchaseSdk.Tests.Support;

/// <summary>
/// Counts the HTTP requests that every client of a service provider has sent and not yet had answered (the answer's
/// body read), as the innermost handler of each client. A discrete-event test (<see cref="TestClock.RunByEventsAsync{T}"/>)
/// moves its clock only while none is on the wire: a loopback round trip takes no simulated time, as a real one takes
/// almost none next to a rate limit's window, and the server counts each request at the time the client sent it.
/// Register it with <c>services.AddSingleton&lt;IHttpMessageHandlerBuilderFilter&gt;(requests)</c>.
/// </summary>
internal sealed class RequestsInFlight : IHttpMessageHandlerBuilderFilter
{
    private readonly object _gate = new();
    private int _count;
    private TaskCompletionSource _none = Settled();

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.AdditionalHandlers.Add(new Tracker(this));
    };

    /// <summary>Completes once no request is in flight.</summary>
    public Task NoneAsync()
    {
        lock (_gate)
        {
            return _none.Task;
        }
    }

    private static TaskCompletionSource Settled()
    {
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        settled.SetResult();
        return settled;
    }

    private void Started()
    {
        lock (_gate)
        {
            if (_count++ == 0)
            {
                _none = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private void Ended()
    {
        lock (_gate)
        {
            if (--_count == 0)
            {
                _none.TrySetResult();
            }
        }
    }

    private sealed class Tracker(RequestsInFlight requests) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requests.Started();
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            finally
            {
                requests.Ended();
            }
        }
    }
}
