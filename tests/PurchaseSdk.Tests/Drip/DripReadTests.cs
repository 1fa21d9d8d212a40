using System.Text.Json.Nodes;
using PurchaseSdk.Drip;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PurchaseSdk.Tests.Drip;

/// <summary>Drip's list (paged with <c>page</c> and <c>meta</c>) and fetch, per seed 003_3857916561358550.txt.</summary>
public sealed class DripReadTests : StubbedTest
{
    private const string Path = "/v2/9999999/subscribers/john%2Btest%40example.com/purchases";

    private static string PageBody(int page, int totalPages, params string[] ids)
    {
        var purchases = new JsonArray();
        foreach (var id in ids)
        {
            var purchase = JsonNode.Parse(Seed.Read("Drip/purchase.json"))!.AsObject();
            purchase["id"] = id;
            purchases.Add(purchase);
        }

        return new JsonObject
        {
            ["links"] = new JsonObject { ["purchases.account"] = "https://api.getdrip.com/v2/accounts/{purchases.account}" },
            ["meta"] = new JsonObject { ["page"] = page, ["count"] = ids.Length, ["total_pages"] = totalPages, ["total_count"] = 5 },
            ["purchases"] = purchases,
        }.ToJsonString();
    }

    [Test]
    public async Task Listing_all_purchases_walks_three_pages()
    {
        for (var page = 1; page <= 3; page++)
        {
            var pageIds = page switch { 1 => new[] { "1", "2" }, 2 => ["3", "4"], _ => ["5"] };
            Server.Given(Request.Create().UsingGet().WithParam("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .RespondWith(Respond.Json(200, PageBody(page, 3, pageIds)));
        }

        var targets = new RequestTargets();
        await using var provider = Sdk.Build<DripOptions>(Server, Clock, services: targets.AddTo);
        var ids = new List<string?>();
        await foreach (var purchase in provider.GetRequiredService<IDripApi>().ListAllPurchasesAsync(TestCredentials.DripAccount, "john+test@example.com"))
        {
            ids.Add(purchase.Id);
        }

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(new[] { "1", "2", "3", "4", "5" }));
            Assert.That(targets.All, Is.EqualTo(new[] { Path + "?page=1", Path + "?page=2", Path + "?page=3" }));
            Assert.That(Server.Requests().Select(r => r.Method), Is.All.EqualTo("GET"));
        });
    }

    [Test]
    public async Task A_listed_purchase_reads_every_documented_field()
    {
        Server.Given(Request.Create().UsingGet()).RespondWith(Respond.Json(200, PageBody(1, 1, "9999999")));
        await using var provider = Sdk.Build<DripOptions>(Server, Clock);

        var page = await provider.GetRequiredService<IDripApi>().ListPurchasesAsync(TestCredentials.DripAccount, "john+test@example.com");

        var purchase = page.Purchases!.Single();
        var item = purchase.Items!.Single();
        Assert.Multiple(() =>
        {
            Assert.That(page.Meta!.Page, Is.EqualTo(1));
            Assert.That(page.Meta.TotalPages, Is.EqualTo(1));
            Assert.That(page.Meta.TotalCount, Is.EqualTo(5));
            Assert.That(page.Links!["purchases.account"], Does.StartWith("https://api.getdrip.com/v2/accounts/"));
            Assert.That(purchase.Id, Is.EqualTo("9999999"));
            Assert.That(purchase.Provider, Is.EqualTo("gumroad"));
            Assert.That(purchase.OrderId, Is.EqualTo("123456"));
            Assert.That(purchase.Amount, Is.EqualTo(4900));
            Assert.That(purchase.Permalink, Is.EqualTo("http://myorders.com/orders/123456"));
            Assert.That(purchase.Properties!["address"], Is.EqualTo("123 Anywhere St"));
            Assert.That(purchase.OccurredAt, Is.EqualTo(new DateTimeOffset(2013, 6, 21, 10, 31, 58, TimeSpan.Zero)));
            Assert.That(purchase.Links!["subscriber"], Is.EqualTo("98asdh9f8asd88d"));
            Assert.That(item.Id, Is.EqualTo("8888888"));
            Assert.That(item.ProductId, Is.EqualTo("765432"));
            Assert.That(item.Sku, Is.EqualTo("4444"));
            Assert.That(item.Amount, Is.EqualTo(4900));
            Assert.That(item.Name, Is.EqualTo("Canoe"));
            Assert.That(item.Quantity, Is.EqualTo(1));
            Assert.That(item.Properties!["color"], Is.EqualTo("black"));
        });
    }

    [Test]
    public async Task Fetching_one_purchase_reads_the_array_of_one()
    {
        Server.Given(Request.Create().UsingGet().WithPath("/v2/9999999/subscribers/*/purchases/9999999"))
            .RespondWith(Respond.Json(200, "{\"links\":{},\"purchases\":[" + Seed.Read("Drip/purchase.json") + "]}"));
        var targets = new RequestTargets();
        await using var provider = Sdk.Build<DripOptions>(Server, Clock, services: targets.AddTo);

        var answer = await provider.GetRequiredService<IDripApi>().GetPurchaseAsync(TestCredentials.DripAccount, "john+test@example.com", "9999999");

        Assert.Multiple(() =>
        {
            Assert.That(targets.All.Single(), Is.EqualTo(Path + "/9999999"));
            Assert.That(answer.Purchases!.Single().OrderId, Is.EqualTo("123456"));
            Assert.That(answer.Meta, Is.Null);
        });
    }

    [Test]
    public async Task Property_values_that_are_not_strings_are_kept_as_raw_json()
    {
        Server.Given(Request.Create().UsingGet()).RespondWith(Respond.Json(200, """{"purchases":[{"id":7,"amount":"4900","properties":{"count":3,"gift":true,"address":{"city":"Minneapolis"}}}]}"""));
        await using var provider = Sdk.Build<DripOptions>(Server, Clock);

        var purchase = (await provider.GetRequiredService<IDripApi>().ListPurchasesAsync(TestCredentials.DripAccount, "a@example.com")).Purchases!.Single();

        Assert.Multiple(() =>
        {
            Assert.That(purchase.Id, Is.EqualTo("7"));
            Assert.That(purchase.Amount, Is.EqualTo(4900));
            Assert.That(purchase.Properties!["count"], Is.EqualTo("3"));
            Assert.That(purchase.Properties["gift"], Is.EqualTo("true"));
            Assert.That(purchase.Properties["address"], Is.EqualTo("""{"city":"Minneapolis"}"""));
        });
    }
}
