using System.Text;
using Microsoft.Extensions.Options;
using PurchaseSdk.Rundl;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Rundl;

/// <summary>Rundl's create-checkout, per seed 001_3bd9573160951df6.txt (POST /api/checkouts?account={account_id}).</summary>
public sealed class RundlCheckoutTests : StubbedTest
{
    private void CheckoutAnswersTheSeed() =>
        Server.Given(Request.Create().WithPath("/api/checkouts").UsingPost())
            .RespondWith(Respond.Seed(200, "Rundl/create-checkout.response.json"));

    [Test]
    public async Task The_seed_request_is_reproduced_from_a_purchase_and_the_checkout_id_is_the_reference()
    {
        CheckoutAnswersTheSeed();

        var outcome = await ReportAsync<RundlOptions>(Purchases.RundlSeed());

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.ProviderReference, Is.EqualTo("30799601"));
        });
        WireAssert.Sent(Server.Requests().Single(), "POST", "/api/checkouts?account=17357980", Seed.Read("Rundl/create-checkout.request.json"),
        [
            // Base64 by default, as the checkout document shows.
            ("Authorization", Is.EqualTo("OAuth " + Convert.ToBase64String(Encoding.UTF8.GetBytes(TestCredentials.RundlToken)))),
            ("Content-Type", Does.StartWith("application/json")),
        ]);
    }

    [TestCase(RundlTokenEncoding.Base64)]
    [TestCase(RundlTokenEncoding.Plain)]
    public async Task The_token_is_sent_in_the_configured_encoding(RundlTokenEncoding encoding)
    {
        CheckoutAnswersTheSeed();

        await ReportAsync<RundlOptions>(Purchases.RundlSeed(), o => o.TokenEncoding = encoding);

        var token = encoding == RundlTokenEncoding.Base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(TestCredentials.RundlToken)) : TestCredentials.RundlToken;
        Assert.That(Server.Requests().Single().Header("Authorization"), Is.EqualTo("OAuth " + token));
    }

    [Test]
    public async Task One_Rundl_product_per_line_is_sent_with_each_line_s_quantity()
    {
        CheckoutAnswersTheSeed();
        var purchase = Purchases.Of(
            "r-2",
            "AUD",
            [new PurchaseLine { Name = "Hosted rundl", Quantity = 2, UnitPrice = 10m }, new PurchaseLine { Name = "Add-on", UnitPrice = 5m }],
            new RundlCheckoutContext { AccountId = 1, ServiceId = 2, LineProductIds = [11, 12], PaymentToken = "pay-tok-1" });

        await ReportAsync<RundlOptions>(purchase);

        JsonAssert.AreEquivalent(
            """{"checkout":{"service":2,"payment_token":"pay-tok-1","items":[{"product":{"id":11},"quantity":2},{"product":{"id":12},"quantity":1}]}}""",
            Server.Requests().Single().Body);
    }

    [Test]
    public async Task Without_a_checkout_context_Rundl_is_skipped_naming_it()
    {
        CheckoutAnswersTheSeed();

        AssertSkippedWithoutSending(await ReportAsync<RundlOptions>(Purchases.Simple()), Does.Contain(nameof(RundlCheckoutContext)));
    }

    [Test]
    public async Task A_context_without_products_or_with_the_wrong_number_is_skipped()
    {
        CheckoutAnswersTheSeed();
        var noProduct = Purchases.Simple();
        noProduct.Contexts.Add(new RundlCheckoutContext { AccountId = 1, ServiceId = 2 });
        var wrongCount = Purchases.Simple();
        wrongCount.Contexts.Add(new RundlCheckoutContext { AccountId = 1, ServiceId = 2, LineProductIds = [1, 2] });

        AssertSkippedWithoutSending(await ReportAsync<RundlOptions>(noProduct), Does.Contain("ProductId or LineProductIds"));
        AssertSkippedWithoutSending(await ReportAsync<RundlOptions>(wrongCount), Does.Contain("2 product(s) but the purchase has 1 line(s)"));
    }

    [Test]
    public void Live_is_the_default_and_staging_is_selectable()
    {
        var staging = Sdk.Options<RundlOptions>(s => s.AddPurchaseSdk().AddRundl(o => (o.AccessToken, o.Environment) = ("t0ken", RundlEnvironment.Staging)));

        Assert.Multiple(() =>
        {
            Assert.That(new RundlOptions().BaseAddress, Is.EqualTo(new Uri("https://go.rundl.com/api")));
            Assert.That(staging.BaseAddress, Is.EqualTo(new Uri("https://stage-go.rundl.com/api")));
        });
    }
}
