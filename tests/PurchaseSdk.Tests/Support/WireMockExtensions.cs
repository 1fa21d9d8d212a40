using WireMock.Server;

namespace PurchaseSdk.Tests.Support;

internal static class WireMockExtensions
{
    /// <summary>The requests the stub received, in order.</summary>
    public static IReadOnlyList<WireMock.IRequestMessage> Requests(this WireMockServer server) =>
        [.. server.LogEntries.OrderBy(static e => e.RequestMessage!.DateTime).Select(static e => e.RequestMessage!)];

    /// <summary>The single value of a request header.</summary>
    public static string Header(this WireMock.IRequestMessage request, string name) =>
        request.Headers is { } headers && headers.TryGetValue(name, out var values) ? values.Single() : throw new AssertionException($"no {name} header");
}
