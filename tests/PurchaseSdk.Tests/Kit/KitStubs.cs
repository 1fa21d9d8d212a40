using WireMock.RequestBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Kit;

/// <summary>Kit stubs on WireMock, answering as seed 002 documents.</summary>
internal static class KitStubs
{
    public static IRequestBuilder CreatePurchase => Request.Create().WithPath("/v4/purchases").UsingPost();

    /// <summary>The seed's 201, with the charset Kit sends.</summary>
    public static WireMock.ResponseBuilders.IResponseBuilder Created => Respond.Seed(201, "Kit/create-purchase.response.json", "application/json; charset=utf-8");

    public static void CreateAnswers201(WireMockServer server) => server.Given(CreatePurchase).RespondWith(Created);
}
