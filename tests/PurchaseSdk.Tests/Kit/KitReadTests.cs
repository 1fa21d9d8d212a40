using PurchaseSdk.Kit;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Kit;

/// <summary>
/// Kit's list and get endpoints (developers.kit.com "List purchases" / "Get a purchase"; providers.md §3.4):
/// cursor pagination with <c>after</c>, <c>before</c>, <c>per_page</c>, <c>include_total_count</c>.
/// </summary>
public sealed class KitReadTests : StubbedTest
{
    private static string Page(int[] ids, bool hasNext, string? endCursor)
    {
        var purchases = ids.Select(static id =>
            "{\"id\":" + id + ",\"transaction_id\":\"t-" + id + "\",\"status\":\"paid\",\"email_address\":\"a@example.com\"," +
            "\"currency\":\"USD\",\"transaction_time\":\"2023-02-17T11:43:55Z\",\"subtotal\":1.5,\"discount\":0,\"tax\":0,\"total\":1.5,\"products\":[]}");
        var cursor = endCursor is null ? "null" : "\"" + endCursor + "\"";
        return "{\"purchases\":[" + string.Join(",", purchases) + "],\"pagination\":{\"has_previous_page\":false,\"has_next_page\":" +
            (hasNext ? "true" : "false") + ",\"start_cursor\":\"WzFd\",\"end_cursor\":" + cursor + ",\"per_page\":2}}";
    }

    [Test]
    public async Task Listing_all_purchases_walks_three_pages_by_their_end_cursors()
    {
        Server.Given(Request.Create().WithPath("/v4/purchases").UsingGet().WithParam("per_page", "2").WithParam("after", "WzJd")).AtPriority(1)
            .RespondWith(Respond.Json(200, Page([3, 4], hasNext: true, endCursor: "WzRd")));
        Server.Given(Request.Create().WithPath("/v4/purchases").UsingGet().WithParam("per_page", "2").WithParam("after", "WzRd")).AtPriority(1)
            .RespondWith(Respond.Json(200, Page([5], hasNext: false, endCursor: "WzVd")));
        Server.Given(Request.Create().WithPath("/v4/purchases").UsingGet().WithParam("per_page", "2")).AtPriority(10)
            .RespondWith(Respond.Json(200, Page([1, 2], hasNext: true, endCursor: "WzJd")));
        await using var provider = Sdk.Build<KitOptions>(Server, Clock);
        var api = provider.GetRequiredService<IKitApi>();

        var ids = new List<long?>();
        await foreach (var purchase in api.ListAllPurchasesAsync(perPage: 2))
        {
            ids.Add(purchase.Id);
        }

        var requests = Server.Requests();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(new long?[] { 1, 2, 3, 4, 5 }));
            Assert.That(requests.Select(r => r.RawQuery), Is.EqualTo(new[] { "?per_page=2", "?after=WzJd&per_page=2", "?after=WzRd&per_page=2" }));
            Assert.That(requests.All(r => r.Header("Authorization") == "Bearer " + TestCredentials.KitToken), Is.True);
        });
    }

    [Test]
    public async Task One_page_sends_every_query_parameter_in_Kit_form()
    {
        Server.Given(Request.Create().WithPath("/v4/purchases").UsingGet())
            .RespondWith(Respond.Json(200, Page([1], hasNext: false, endCursor: null).Replace("\"per_page\":2}", "\"per_page\":2,\"total_count\":41}", StringComparison.Ordinal)));
        await using var provider = Sdk.Build<KitOptions>(Server, Clock);

        var page = await provider.GetRequiredService<IKitApi>().ListPurchasesAsync(before: "WzNd", perPage: 1000, includeTotalCount: true);

        Assert.Multiple(() =>
        {
            Assert.That(Server.Requests().Single().RawQuery, Is.EqualTo("?before=WzNd&per_page=1000&include_total_count=true"));
            Assert.That(page.Pagination!.TotalCount, Is.EqualTo(41));
            Assert.That(page.Pagination.HasNextPage, Is.False);
            Assert.That(page.Pagination.StartCursor, Is.EqualTo("WzFd"));
            Assert.That(page.Purchases![0].TransactionId, Is.EqualTo("t-1"));
        });
    }

    [Test]
    public async Task Getting_a_purchase_by_id_reads_the_purchase_envelope()
    {
        Server.Given(Request.Create().WithPath("/v4/purchases/1336").UsingGet())
            .RespondWith(Respond.Seed(200, "Kit/create-purchase.response.json"));
        await using var provider = Sdk.Build<KitOptions>(Server, Clock);

        var answer = await provider.GetRequiredService<IKitApi>().GetPurchaseAsync(1336);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Purchase!.Id, Is.EqualTo(1336));
            Assert.That(answer.Purchase.Products, Has.Count.EqualTo(3));
            Assert.That(Server.Requests().Single().Method, Is.EqualTo("GET"));
        });
    }

    [Test]
    public async Task A_read_is_retried_after_a_500_because_repeating_it_changes_nothing()
    {
        Server.AnswerInTurn(Request.Create().WithPath("/v4/purchases/7").UsingGet(), Respond.Json(500, """{"errors":["Internal error"]}"""), Respond.Json(200, """{"purchase":{"id":7}}"""));
        await using var provider = Sdk.Build<KitOptions>(Server, Clock);

        var answer = await Clock.RunAsync(provider.GetRequiredService<IKitApi>().GetPurchaseAsync(7));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Purchase!.Id, Is.EqualTo(7));
            Assert.That(Server.Requests(), Has.Count.EqualTo(2));
            Assert.That(Clock.Waited, Has.Count.EqualTo(1));
        });
    }
}
