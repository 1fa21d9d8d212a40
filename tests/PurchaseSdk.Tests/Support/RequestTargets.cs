using System.Collections.Concurrent;

namespace PurchaseSdk.Tests.Support;

/// <summary>
/// Records the request target exactly as the client writes it on the wire (<c>RequestUri.PathAndQuery</c>). WireMock
/// logs the path after the server has decoded it, which hides how a segment was escaped.
/// </summary>
internal sealed class RequestTargets
{
    private readonly ConcurrentQueue<string> _targets = new();

    public IReadOnlyList<string> All => [.. _targets];

    public void AddTo(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new Recorder(this)));

    private sealed class Recorder(RequestTargets targets) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            targets._targets.Enqueue(request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
