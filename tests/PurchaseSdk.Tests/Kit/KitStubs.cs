using PurchaseSdk.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Kit;

/// <summary>Kit stubs on WireMock, answering as seed 002 documents.</summary>
internal static class KitStubs
{
    public static void CreateAnswers201(WireMockServer server) =>
        server.Given(Request.Create().WithPath("/v4/purchases").UsingPost())
            .RespondWith(Response.Create()
                .WithStatusCode(201)
                .WithHeader("Content-Type", "application/json; charset=utf-8")
                .WithBody(Seed.Read("Kit/create-purchase.response.json")));

    public static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
}
