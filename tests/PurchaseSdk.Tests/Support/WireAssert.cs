using NUnit.Framework.Constraints;

namespace PurchaseSdk.Tests.Support;

/// <summary>
/// The assertion of every wire-format test: a request's method, its path and query, each header that matters, and its
/// JSON body compared structurally with the document it follows (Seeds/README.md names each).
/// </summary>
internal static class WireAssert
{
    /// <param name="request">The request the stub received.</param>
    /// <param name="method">The expected method.</param>
    /// <param name="target">The expected path and query (<c>/v4/purchases</c>, <c>/api/checkouts?account=1</c>).</param>
    /// <param name="json">The expected body.</param>
    /// <param name="headers">Each header that matters, with what its single value must be.</param>
    /// <param name="written">
    /// The target as the client wrote it (<see cref="RequestTargets"/>), where WireMock's decoded path would hide how a
    /// segment was escaped; by default WireMock's path and raw query.
    /// </param>
    public static void Sent(WireMock.IRequestMessage request, string method, string target, string json, IReadOnlyList<(string Name, IResolveConstraint Value)> headers, string? written = null)
    {
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo(method), "method");
            Assert.That(written ?? request.Path + request.RawQuery, Is.EqualTo(target), "path and query");
            foreach (var (name, value) in headers)
            {
                Assert.That(request.Header(name), value, name);
            }
        });
        JsonAssert.AreEquivalent(json, request.Body);
    }
}
