using PurchaseSdk.ElasticPath;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PurchaseSdk.Tests.ElasticPath;

/// <summary>Elastic Path's reads (providers.md §5.3, §5.6): orders by id, orders by filter with offset paging, carts.</summary>
public sealed class ElasticPathReadTests : StubbedTest
{
    [Test]
    public async Task Orders_are_listed_with_filter_and_page_parameters()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        Server.Given(Request.Create().WithPath("/v2/orders").UsingGet()).RespondWith(Respond.Json(
            200,
            """{"data":[{"id":"o-1","type":"order","external_ref":"order-42","status":"incomplete"}],"meta":{"page":{"current":1,"limit":25,"offset":0,"total":1},"results":{"total":1}},"links":{"current":"https://useast.api.elasticpath.com/v2/orders?page[offset]=0&page[limit]=25"}}"""));
        var targets = new RequestTargets();
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock, services: targets.AddTo);

        var page = await provider.GetRequiredService<IElasticPathApi>().ListOrdersAsync(ElasticPathFilter.Equal("external_ref", "order-42"), limit: 25, offset: 0);

        var request = Server.Requests().Single(r => r.Path == "/v2/orders");
        Assert.Multiple(() =>
        {
            Assert.That(request.Query!["filter"].Single(), Is.EqualTo("eq(external_ref,order-42)"));

            // Brackets and parentheses are percent-encoded on the wire (RFC 3986); Elastic Path decodes them.
            Assert.That(targets.All[0], Is.EqualTo("/v2/orders?filter=eq%28external_ref%2Corder-42%29&page%5Blimit%5D=25&page%5Boffset%5D=0"));
            Assert.That(page.Data!.Single().ExternalRef, Is.EqualTo("order-42"));
            Assert.That(page.Meta!.Results!.Total, Is.EqualTo(1));
            Assert.That(page.Meta.Page!.Limit, Is.EqualTo(25));
            Assert.That(page.Links!["current"], Does.Contain("page[offset]=0"));
        });
    }

    [Test]
    public async Task An_order_is_read_by_id()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        Server.Given(Request.Create().WithPath("/v2/orders/74b48ecb-8599-4c63-85a8-09cb9bb7ee39").UsingGet())
            .RespondWith(Respond.Seed(200, "ElasticPath/checkout.response.json"));
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock);

        var order = await provider.GetRequiredService<IElasticPathApi>().GetOrderAsync("74b48ecb-8599-4c63-85a8-09cb9bb7ee39");

        Assert.That(order.Data!.Payment, Is.EqualTo("unpaid"));
    }

    [Test]
    public async Task A_cart_is_read_by_reference()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        Server.Given(Request.Create().WithPath("/v2/carts/cart-1").UsingGet()).RespondWith(Respond.Json(
            200,
            """{"data":{"id":"cart-1","type":"cart","name":"Cart","description":"","meta":{"display_price":{"with_tax":{"amount":10000,"currency":"USD","formatted":"$100.00"},"without_discount":{"amount":10000,"currency":"USD","formatted":"$100.00"}},"timestamps":{"created_at":"2024-11-18T09:00:00Z","updated_at":"2024-11-18T09:30:00Z"}},"relationships":{"items":{"data":[{"type":"cart_item","id":"ci-1"}]},"customers":{"data":[]}}}}"""));
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock);

        var cart = (await provider.GetRequiredService<IElasticPathApi>().GetCartAsync("cart-1")).Data!;

        Assert.Multiple(() =>
        {
            Assert.That(cart.Type, Is.EqualTo("cart"));
            Assert.That(cart.Meta!.DisplayPrice!.WithoutDiscount!.Amount, Is.EqualTo(10000));
            Assert.That(cart.Relationships!.Items!.Data!.Single().Id, Is.EqualTo("ci-1"));
            Assert.That(cart.Relationships.Customers!.Data, Is.Empty);
        });
    }
}
