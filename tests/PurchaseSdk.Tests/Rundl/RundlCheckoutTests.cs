using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PurchaseSdk.Rundl;
using PurchaseSdk.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Rundl;

/// <summary>Rundl's create-checkout, per seed 001_3bd9573160951df6.txt (POST /api/checkouts?account={account_id}).</summary>
public sealed class RundlCheckoutTests : StubbedTest
{
    private void CheckoutAnswersTheSeed() =>
        Server.Given(Request.Create().WithPath("/api/checkouts").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Seed.Read("Rundl/create-checkout.response.json")));

    private async Task<ProviderOutcome> ReportAsync(Purchase purchase, Action<RundlOptions>? configure = null)
    {
        await using var provider = Sdk.Build<RundlOptions>(Server, Clock, configure);
        var report = await Clock.RunAsync(provider.GetRequiredService<IPurchaseReporter>().ReportAsync(purchase));
        return report["Rundl"]!;
    }

    [Test]
    public async Task The_seed_request_is_reproduced_from_a_purchase_and_the_checkout_id_is_the_reference()
    {
        CheckoutAnswersTheSeed();

        var outcome = await ReportAsync(Purchases.RundlSeed());

        var request = Server.Requests().Single();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.ProviderReference, Is.EqualTo("30799601"));
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Path, Is.EqualTo("/api/checkouts"));
            Assert.That(request.RawQuery, Is.EqualTo("?account=17357980"));
            Assert.That(request.Header("Authorization"), Is.EqualTo("OAuth " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(TestCredentials.RundlToken))), "base64 by default, as the checkout document shows");
            Assert.That(request.Header("Content-Type"), Does.StartWith("application/json"));
        });
        JsonAssert.AreEquivalent(Seed.Read("Rundl/create-checkout.request.json"), request.Body);
    }

    [Test]
    public async Task The_token_can_be_sent_base64_encoded_as_the_checkout_page_shows()
    {
        CheckoutAnswersTheSeed();

        await ReportAsync(Purchases.RundlSeed(), o => o.TokenEncoding = RundlTokenEncoding.Base64);

        Assert.That(Server.Requests().Single().Header("Authorization"), Is.EqualTo("OAuth " + Convert.ToBase64String(Encoding.UTF8.GetBytes(TestCredentials.RundlToken))));
    }

    [Test]
    public async Task One_Rundl_product_per_line_is_sent_with_each_line_s_quantity()
    {
        CheckoutAnswersTheSeed();
        var purchase = new Purchase
        {
            OrderId = "r-2",
            Currency = "AUD",
            Lines = [new PurchaseLine { Name = "Hosted rundl", Quantity = 2, UnitPrice = 10m }, new PurchaseLine { Name = "Add-on", UnitPrice = 5m }],
            Contexts = { new RundlCheckoutContext { AccountId = 1, ServiceId = 2, LineProductIds = [11, 12], PaymentToken = "pay-tok-1" } },
        };

        await ReportAsync(purchase);

        JsonAssert.AreEquivalent(
            """{"checkout":{"service":2,"payment_token":"pay-tok-1","items":[{"product":{"id":11},"quantity":2},{"product":{"id":12},"quantity":1}]}}""",
            Server.Requests().Single().Body);
    }

    [Test]
    public async Task Without_a_checkout_context_Rundl_is_skipped_naming_it()
    {
        CheckoutAnswersTheSeed();

        var outcome = await ReportAsync(Purchases.Simple());

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Skipped));
            Assert.That(outcome.Message, Does.Contain(nameof(RundlCheckoutContext)));
            Assert.That(Server.Requests(), Is.Empty);
        });
    }

    [Test]
    public async Task A_context_without_products_or_with_the_wrong_number_is_skipped()
    {
        CheckoutAnswersTheSeed();
        var noProduct = Purchases.Simple();
        noProduct.Contexts.Add(new RundlCheckoutContext { AccountId = 1, ServiceId = 2 });
        var wrongCount = Purchases.Simple();
        wrongCount.Contexts.Add(new RundlCheckoutContext { AccountId = 1, ServiceId = 2, LineProductIds = [1, 2] });

        var first = await ReportAsync(noProduct);
        var second = await ReportAsync(wrongCount);

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(ProviderOutcomeStatus.Skipped));
            Assert.That(first.Message, Does.Contain("ProductId or LineProductIds"));
            Assert.That(second.Status, Is.EqualTo(ProviderOutcomeStatus.Skipped));
            Assert.That(second.Message, Does.Contain("2 product(s) but the purchase has 1 line(s)"));
            Assert.That(Server.Requests(), Is.Empty);
        });
    }

    [Test]
    public void Live_is_the_default_and_staging_is_selectable()
    {
        var services = new ServiceCollection();
        services.AddPurchaseSdk().AddRundl(o =>
        {
            o.AccessToken = "t0ken";
            o.Environment = RundlEnvironment.Staging;
        });
        using var provider = services.BuildServiceProvider();

        Assert.Multiple(() =>
        {
            Assert.That(new RundlOptions().BaseAddress, Is.EqualTo(new Uri("https://go.rundl.com/api")));
            Assert.That(provider.GetRequiredService<IOptions<RundlOptions>>().Value.BaseAddress, Is.EqualTo(new Uri("https://stage-go.rundl.com/api")));
        });
    }
}
