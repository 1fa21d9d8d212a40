using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PurchaseSdk.ElasticPath;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PurchaseSdk.Tests.ElasticPath;

/// <summary>Elastic Path's checkout in both documented forms, per seed 004_5a0a3f468ad213b9.txt.</summary>
public sealed class ElasticPathCheckoutTests : StubbedTest
{
    private static string SeedWithExternalRef(string file, string orderId)
    {
        // The seed's body plus external_ref: the SDK sets it to the order id so the order can be found again.
        var seed = JsonNode.Parse(Seed.Read(file))!;
        seed["data"]!["external_ref"] = orderId;
        return seed.ToJsonString();
    }

    [Test]
    public async Task The_account_checkout_of_the_seed_is_reproduced_with_the_bearer_token()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        ElasticPathStubs.CheckoutAnswers(Server);

        var outcome = await ReportAsync<ElasticPathOptions>(ElasticPathStubs.AccountPurchase());

        var checkout = Server.Requests().Single(r => r.Path.EndsWith("/checkout", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.ProviderReference, Is.EqualTo("74b48ecb-8599-4c63-85a8-09cb9bb7ee39"));
            Assert.That(outcome.Attempts, Is.EqualTo(1), "the token request is not an attempt to record the purchase");
            Assert.That(checkout.Headers!.ContainsKey("EP-Account-Management-Authentication-Token"), Is.False);
        });
        WireAssert.Sent(checkout, "POST", "/v2/carts/cart-1/checkout", SeedWithExternalRef("ElasticPath/checkout-account.request.json", "ep-order-1"),
            [("Authorization", Is.EqualTo("Bearer ep-token-1")), ("Content-Type", Does.StartWith("application/json"))]);
    }

    [Test]
    public async Task The_account_member_checkout_sends_the_token_header_and_contact_only()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        ElasticPathStubs.CheckoutAnswers(Server, status: 200);

        var outcome = await ReportAsync<ElasticPathOptions>(ElasticPathStubs.MemberPurchase("member-token-55"));

        var checkout = Server.Requests().Single(r => r.Path.EndsWith("/checkout", StringComparison.Ordinal));
        Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), "200 is accepted as well as 201");
        WireAssert.Sent(checkout, "POST", "/v2/carts/cart-1/checkout", SeedWithExternalRef("ElasticPath/checkout-member.request.json", "ep-order-2"),
        [
            ("EP-Account-Management-Authentication-Token", Is.EqualTo("member-token-55")),
            ("Authorization", Is.EqualTo("Bearer ep-token-1")),
            ("Content-Type", Does.StartWith("application/json")),
        ]);
    }

    [Test]
    public async Task The_answer_s_order_relationships_and_included_items_are_read()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        ElasticPathStubs.CheckoutAnswers(Server);
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock);

        var answer = await provider.GetRequiredService<IElasticPathApi>().CheckoutAsync(
            ElasticPathStubs.CartReference,
            new ElasticPathCheckoutRequest { Data = new ElasticPathCheckout { Contact = new ElasticPathContact { Name = "John Doe", Email = "johndoe@email.com" } } });

        var order = answer.Data!;
        var item = answer.Included!.Items!.Single();
        Assert.Multiple(() =>
        {
            Assert.That(order.Id, Is.EqualTo("74b48ecb-8599-4c63-85a8-09cb9bb7ee39"));
            Assert.That(order.Type, Is.EqualTo("order"));
            Assert.That(order.Status, Is.EqualTo("incomplete"));
            Assert.That(order.Payment, Is.EqualTo("unpaid"));
            Assert.That(order.Shipping, Is.EqualTo("unfulfilled"));
            Assert.That(order.Contact!.Email, Is.EqualTo("johndoe@email.com"));
            Assert.That(order.ShippingAddress!.Instructions, Is.EqualTo("Leave in porch"));
            Assert.That(order.BillingAddress!.Postcode, Is.EqualTo("92802"));
            Assert.That(order.Links, Is.Empty);
            Assert.That(order.Meta!.DisplayPrice!.WithTax!.Amount, Is.EqualTo(10000));
            Assert.That(order.Meta.DisplayPrice.WithTax.ToMajorUnits(), Is.EqualTo(100.00m));
            Assert.That(order.Meta.DisplayPrice.BalanceOwing!.Formatted, Is.EqualTo("$100.00"));
            Assert.That(order.Meta.Timestamps!.CreatedAt, Is.EqualTo(new DateTimeOffset(2024, 11, 18, 10, 0, 0, TimeSpan.Zero)));
            Assert.That(order.Relationships!.Items!.Data!.Single().Id, Is.EqualTo("d9f30f2f-9973-45d7-a6c9-360be52a26b0"));
            Assert.That(order.Relationships.Account!.Data!.Id, Is.EqualTo("b6e47478-7e7f-4127-b7e9-4a255564ae68"));
            Assert.That(order.Relationships.AccountMember!.Data!.Type, Is.EqualTo("account_member"));
            Assert.That(item.Id, Is.EqualTo(order.Relationships.Items.Data!.Single().Id));
            Assert.That(item.Quantity, Is.EqualTo(1));
            Assert.That(item.UnitPrice!.IncludesTax, Is.True);
            Assert.That(item.Meta!.Value.GetProperty("display_price").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object));
        });
    }

    [Test]
    public async Task Insufficient_stock_is_surfaced_with_its_detail()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        Server.Given(ElasticPathStubs.CheckoutRequest).RespondWith(Respond.Json(400, """{"errors":[{"status":400,"title":"Insufficient stock","detail":"There is not enough stock to add SKU-1 to your cart","meta":{"id":"4e9c6098","sku":"SKU-1"}}]}"""));

        var outcome = await ReportAsync<ElasticPathOptions>(ElasticPathStubs.AccountPurchase());

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.ErrorCode, Is.EqualTo("Insufficient stock"));
            Assert.That(error.ProviderMessages, Is.EqualTo(new[] { "Insufficient stock: There is not enough stock to add SKU-1 to your cart" }));
            Assert.That(outcome.Message, Does.Contain("There is not enough stock to add SKU-1"));
            Assert.That(Server.Requests().Count(r => r.Path.EndsWith("/checkout", StringComparison.Ordinal)), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_server_error_keeps_Elastic_Path_s_request_id()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        Server.Given(ElasticPathStubs.CheckoutRequest).RespondWith(Respond.Json(500, """{"errors":{"status":"500","title":"Internal Server Error"},"request_id":"7f1e1c2a-req"}"""));

        var outcome = await ReportAsync<ElasticPathOptions>(ElasticPathStubs.AccountPurchase());

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(error.RequestId, Is.EqualTo("7f1e1c2a-req"));
            Assert.That(error.ProviderMessages, Is.EqualTo(new[] { "Internal Server Error" }));
            Assert.That(error.Message, Does.Contain("Request id: 7f1e1c2a-req"));
        });
    }

    [Test]
    public async Task Without_a_checkout_context_a_customer_name_or_who_checks_out_Elastic_Path_is_skipped()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        ElasticPathStubs.CheckoutAnswers(Server);
        var noName = ElasticPathStubs.AccountPurchase();
        var anonymous = new Purchase { OrderId = "x", Currency = "USD", Lines = noName.Lines, Customer = new Customer { Email = "a@example.com" }, Contexts = noName.Contexts };
        var noAccount = Purchases.Simple();
        noAccount.Contexts.Add(new ElasticPathCheckoutContext { CartReference = "cart-1" });

        // A skipped provider does not even fetch a token.
        AssertSkippedWithoutSending(await ReportAsync<ElasticPathOptions>(Purchases.Simple()), Does.Contain(nameof(ElasticPathCheckoutContext)));
        AssertSkippedWithoutSending(await ReportAsync<ElasticPathOptions>(anonymous), Does.Contain("Customer.Name"));
        AssertSkippedWithoutSending(await ReportAsync<ElasticPathOptions>(noAccount), Does.Contain("AccountId").And.Contain("AccountManagementToken"));
    }

    [Test]
    public void Regions_select_the_API_host()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new ElasticPathOptions().BaseAddress, Is.EqualTo(new Uri("https://useast.api.elasticpath.com")));
            Assert.That(new ElasticPathOptions { Region = ElasticPathRegion.EuWest }.BaseAddress, Is.EqualTo(new Uri("https://euwest.api.elasticpath.com")));
        });
    }

    [Test]
    public void A_missing_client_secret_is_named_at_start_up()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Sdk.Options<ElasticPathOptions>(s => s.AddPurchaseSdk().AddElasticPath(o => o.ClientId = "id")))!;

        Assert.That(error.Message, Does.Contain("PurchaseSdk:ElasticPath:ClientSecret is required"));
    }
}
