using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Support;

internal static class WireMockExtensions
{
    /// <summary>The stub's address, for a provider's options.</summary>
    public static Uri Uri(this WireMockServer server) => new(server.Url! + "/");

    /// <summary>The requests the stub received, in order.</summary>
    public static IReadOnlyList<WireMock.IRequestMessage> Requests(this WireMockServer server) =>
        [.. server.LogEntries.OrderBy(static e => e.RequestMessage!.DateTime).Select(static e => e.RequestMessage!)];

    /// <summary>The single value of a request header.</summary>
    public static string Header(this WireMock.IRequestMessage request, string name) =>
        request.Headers is { } headers && headers.TryGetValue(name, out var values) ? values.Single() : throw new AssertionException($"no {name} header");

    /// <summary>Answers <paramref name="request"/> with <paramref name="answers"/> one after the other, then keeps giving the last.</summary>
    public static void AnswerInTurn(this WireMockServer server, IRequestBuilder request, params IResponseBuilder[] answers)
    {
        var scenario = Guid.NewGuid().ToString();
        for (var i = 0; i < answers.Length; i++)
        {
            var given = server.Given(request).InScenario(scenario);
            if (i > 0)
            {
                given = given.WhenStateIs("answer " + i);
            }

            (i < answers.Length - 1 ? given.WillSetStateTo("answer " + (i + 1)) : given).RespondWith(answers[i]);
        }
    }
}
