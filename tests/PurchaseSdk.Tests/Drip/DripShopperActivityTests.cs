using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using PurchaseSdk.Drip;
using PurchaseSdk.Http;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PurchaseSdk.Tests.Drip;

/// <summary>
/// Drip's shopper activity orders (<c>PurchaseSdk:Drip:Api = ShopperActivity</c>) against a WireMock stub. The wire
/// format is Drip's own document, DripEmail/api-docs (the snapshot providers.md cites, 6f937b3):
/// <list type="bullet">
/// <item><c>source/includes/shopper_activity/_order_activity.md</c> (file version 6c82c45), "Create or update an order":
/// <c>POST /v3/:account_id/shopper_activity/order</c>, the curl example body (Seeds/Drip/shopper-activity-order.request.json),
/// the <c>202 Accepted</c> answer (shopper-activity-order.response.json), the argument table (required: provider, action,
/// order_id, email or person_id; items' name), and the upsert by provider and order id;</item>
/// <item><c>source/includes/rest/_batch_api.md</c> (file version 97bca8e), "Create or update a batch of orders":
/// <c>POST /v3/:account_id/shopper_activity/order/batch</c>, <c>{"orders": [...]}</c> with 1 to 1000 orders
/// (shopper-activity-order-batch.request.json) and <c>202 {"request_ids": [...]}</c> (…batch.response.json);</item>
/// <item><c>source/includes/rest/_errors.md</c> (file version 4e7bdc6), "Validation Errors": the 422 body
/// (validation-errors.response.json).</item>
/// </list>
/// </summary>
public sealed class DripShopperActivityTests : StubbedTest
{
    private const string OrderPath = "/v3/" + TestCredentials.DripAccount + "/shopper_activity/order";
    private const string BatchPath = OrderPath + "/batch";
    private const string DocumentedRequestId = "990c99a7-5cba-42e8-8f36-aec3419186ef";

    private void OrderAnswers202() =>
        Server.Given(Request.Create().WithPath(OrderPath).UsingPost())
            .RespondWith(Respond.Seed(202, "Drip/shopper-activity-order.response.json"));

    private Task<ProviderOutcome> ReportAsync(Purchase purchase, Action<DripOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        ReportAsync<DripOptions>(
            purchase,
            o =>
            {
                o.Api = DripOrderApi.ShopperActivity;
                configure?.Invoke(o);
            },
            services);

    private JsonObject SentOrder(int index = 0) => JsonNode.Parse(Server.Requests()[index].Body!)!.AsObject();

    /// <summary>The purchase of the document's example: two water bottles at 11.16 USD, tax 1.00, shipping 5.00, discount 5.34.</summary>
    private static Purchase DocumentedPurchase(string? status = "placed", string currency = "USD") => new()
    {
        OrderId = "456445746",
        Customer = new Customer { Email = "user@gmail.com" },
        Currency = currency,
        Status = status,
        Source = "my_custom_platform",
        Permalink = "https://mysuperstore.com/order/456445746",
        OccurredAt = new DateTimeOffset(2019, 1, 17, 20, 50, 0, TimeSpan.Zero),
        Tax = 1.00m,
        Shipping = 5.00m,
        Discount = 5.34m,
        Lines =
        [
            new PurchaseLine
            {
                Name = "The Coolest Water Bottle", ProductId = "B01J4SWO1G", Sku = "XHB-1234", Brand = "Drip", Quantity = 2, UnitPrice = 11.16m,
                Properties = new Dictionary<string, string> { ["product_tag"] = "Best Seller" },
            },
        ],
    };

    [Test]
    public async Task The_documented_order_is_reproduced_from_a_purchase_and_Drip_s_request_id_is_the_reference()
    {
        OrderAnswers202();

        var outcome = await ReportAsync(DocumentedPurchase(), services: DripStubs.NameTheApplication);

        // The document's example, minus what a Purchase has no field for, with the two totals the purchase's
        // arithmetic gives: the example's own numbers do not add up (2 × 11.16 = 22.32 is no 23.99 item total, and
        // 22.32 + 1.00 + 5.00 − 5.34 = 22.98 is no 22.99 grand total), and the SDK never sends totals that
        // contradict the lines (PurchaseValidator would refuse a Total of 22.99).
        var expected = JsonNode.Parse(Seed.Read("Drip/shopper-activity-order.request.json"))!.AsObject();
        foreach (var absent in new[] { "initial_status", "order_public_id", "total_fees", "billing_address", "shipping_address" })
        {
            Assert.That(expected.Remove(absent), Is.True, absent);
        }

        var item = expected["items"]![0]!.AsObject();
        foreach (var absent in new[] { "product_variant_id", "categories", "sale_price", "discounts", "taxes", "fees", "shipping", "product_url", "image_url" })
        {
            Assert.That(item.Remove(absent), Is.True, absent);
        }

        expected["grand_total"] = 22.98m;
        item["total"] = 22.32m;

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.ProviderReference, Is.EqualTo(DocumentedRequestId), "the 202 answer's request_id");
            Assert.That(outcome.Attempts, Is.EqualTo(1));
        });
        // The target as written on the wire: no query.
        WireAssert.Sent(Server.Requests().Single(), "POST", OrderPath, expected.ToJsonString(), DripStubs.DocumentedHeaders, written: Targets.All.Single());
    }

    [TestCase(null, "paid")]
    [TestCase("", "paid")]
    [TestCase("paid", "paid")]
    [TestCase("placed", "placed")]
    [TestCase("updated", "updated")]
    [TestCase("fulfilled", "fulfilled")]
    [TestCase("refunded", "refunded")]
    [TestCase("canceled", "canceled")]
    [TestCase(" Fulfilled ", "fulfilled")]
    public async Task Each_accepted_status_is_sent_as_its_Drip_action(string? status, string action)
    {
        OrderAnswers202();

        var outcome = await ReportAsync(DocumentedPurchase(status));

        var order = SentOrder();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That((string?)order["action"], Is.EqualTo(action));

            // A refund or cancelation keeps grand_total and lowers the lifetime value by refund_amount (the document's
            // argument table); a purchase has no partial refund amount, so it is the whole total.
            if (action is "refunded" or "canceled")
            {
                Assert.That(order["refund_amount"]!.GetValue<decimal>(), Is.EqualTo(22.98m));
                Assert.That(order["grand_total"]!.GetValue<decimal>(), Is.EqualTo(22.98m));
            }
            else
            {
                Assert.That(order.ContainsKey("refund_amount"), Is.False);
            }
        });
    }

    [TestCase("pending")]
    [TestCase("cancelled")]
    [TestCase("shipped")]
    public async Task A_status_that_is_no_Drip_action_skips_Drip_naming_the_accepted_values_and_sends_nothing(string status)
    {
        OrderAnswers202();

        var outcome = await ReportAsync(DocumentedPurchase(status));

        AssertSkippedWithoutSending(outcome, Does.Contain("Purchase.Status").And.Contain($"'{status}'")
            .And.Contain("placed").And.Contain("updated").And.Contain("paid").And.Contain("fulfilled").And.Contain("refunded").And.Contain("canceled"));
    }

    [TestCase("USD", "12.34", "1.05", "4.99", "2.00", "37.02", "41.06")]
    [TestCase("jpy", "1500", "120", "500", "0", "4500", "5120")]
    [TestCase("KWD", "1.234", "0.125", "2.5", "0.001", "3.702", "6.326")]
    public async Task Amounts_are_exact_major_units_of_the_currency(string currency, string unitPrice, string tax, string shipping, string discount, string lineTotal, string grandTotal)
    {
        OrderAnswers202();
        decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
        var purchase = new Purchase
        {
            OrderId = "o-9",
            Customer = new Customer { Email = "a@example.com" },
            Currency = currency,
            Source = "my_store",
            Tax = D(tax),
            Shipping = D(shipping),
            Discount = D(discount),
            OccurredAt = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.FromHours(-4)),
            Lines = [new PurchaseLine { Name = "Paddle", Quantity = 3, UnitPrice = D(unitPrice) }],
        };

        await ReportAsync(purchase);

        var body = Server.Requests().Single().Body;
        JsonAssert.AreEquivalent(
            $$"""
            {"provider":"my_store","email":"a@example.com","action":"paid","occurred_at":"2026-05-01T16:00:00Z","order_id":"o-9",
             "grand_total":{{grandTotal}},"total_discounts":{{discount}},"total_taxes":{{tax}},"total_shipping":{{shipping}},
             "currency":"{{currency.ToUpperInvariant()}}",
             "items":[{"name":"Paddle","price":{{unitPrice}},"quantity":3,"total":{{lineTotal}}}]}
            """,
            body);
        Assert.Multiple(() =>
        {
            // Written digit for digit, never through a double (no 6.3260000000000005, no rounding to 6.33).
            Assert.That(body, Does.Contain($"\"grand_total\":{grandTotal},"));
            Assert.That(body, Does.Contain($"\"price\":{unitPrice},"));
        });
    }

    [Test]
    public async Task A_Drip_subscriber_id_is_sent_as_person_id_instead_of_the_email_with_an_OAuth_token()
    {
        OrderAnswers202();
        var purchase = DocumentedPurchase();
        purchase.Contexts.Add(new DripSubscriberContext("98asdh9f8asd88d"));

        await ReportAsync(purchase, o =>
        {
            o.ApiKey = null;
            o.AccessToken = "drip-oauth-token";
        });

        var order = SentOrder();
        Assert.Multiple(() =>
        {
            Assert.That(Server.Requests().Single().Header("Authorization"), Is.EqualTo("Bearer drip-oauth-token"));
            Assert.That((string?)order["person_id"], Is.EqualTo("98asdh9f8asd88d"));
            Assert.That(order.ContainsKey("email"), Is.False, "Drip ignores the email when person_id is sent");
        });
    }

    [Test]
    public async Task Without_a_Source_the_configured_default_provider_is_sent_and_without_either_Drip_is_skipped()
    {
        OrderAnswers202();
        var seed = DocumentedPurchase();
        var withoutSource = new Purchase { OrderId = seed.OrderId, Customer = seed.Customer, Currency = seed.Currency, Lines = seed.Lines };

        var configured = await ReportAsync(withoutSource, o => o.DefaultProvider = "my_store");
        var unconfigured = await ReportAsync(withoutSource);

        Assert.Multiple(() =>
        {
            Assert.That(configured.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), configured.Message);
            Assert.That((string?)SentOrder()["provider"], Is.EqualTo("my_store"));
            Assert.That(unconfigured.Status, Is.EqualTo(ProviderOutcomeStatus.Skipped));
            Assert.That(unconfigured.Message, Does.Contain("Purchase.Source").And.Contain("PurchaseSdk:Drip:DefaultProvider"));
            Assert.That(Server.Requests(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Without_an_email_or_subscriber_id_Drip_is_skipped()
    {
        OrderAnswers202();
        var seed = DocumentedPurchase();

        var outcome = await ReportAsync(new Purchase { OrderId = seed.OrderId, Currency = seed.Currency, Lines = seed.Lines, Source = "shop" });

        AssertSkippedWithoutSending(outcome, Does.Contain("DripSubscriberContext").And.Contain("Customer.Email"));
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(504)]
    public async Task An_ambiguous_failure_is_retried_because_Drip_upserts_the_order(int status)
    {
        Server.AnswerInTurn(Request.Create().WithPath(OrderPath).UsingPost(), Respond.Json(status, """{"errors":[{"code":"server_error","message":"Something went wrong"}]}"""), Respond.Seed(202, "Drip/shopper-activity-order.response.json"));

        var outcome = await ReportAsync(DocumentedPurchase());

        var requests = Server.Requests();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.ProviderReference, Is.EqualTo(DocumentedRequestId));
            Assert.That(outcome.Attempts, Is.EqualTo(2));
            Assert.That(requests.Select(r => r.Path), Is.All.EqualTo(OrderPath), "sent again, no look-up");
            Assert.That(requests[1].Body, Is.EqualTo(requests[0].Body), "the same order, so Drip updates it");
            Assert.That(Clock.Waited, Has.Count.EqualTo(1), "one backoff");
        });
    }

    [Test]
    public async Task An_unreadable_202_is_sent_again_and_the_readable_answer_is_the_reference()
    {
        Server.AnswerInTurn(Request.Create().WithPath(OrderPath).UsingPost(), Respond.Json(202, """{"request_id": "990c99a7-5cba"""), Respond.Seed(202, "Drip/shopper-activity-order.response.json"));

        var outcome = await ReportAsync(DocumentedPurchase());

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.ProviderReference, Is.EqualTo(DocumentedRequestId));
            Assert.That(outcome.Attempts, Is.EqualTo(2), "retried by the one retry policy, since Drip upserts");
        });
    }

    [Test]
    public async Task A_lasting_outage_ends_Failed_after_every_retry_saying_a_resend_is_safe()
    {
        Server.Given(Request.Create().WithPath(OrderPath).UsingPost())
            .RespondWith(Respond.Text(502, "<html><body>Bad gateway</body></html>", "text/html"));

        var outcome = await ReportAsync(DocumentedPurchase(), o => o.Resilience.CircuitBreaker.Enabled = false);

        Assert.Multiple(() =>
        {
            // Drip upserts, so "may have been processed" loses nothing: Failed (try again later), never Indeterminate.
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(4), "the first try and MaxRetries (3) retries");
            Assert.That(outcome.Message, Does.Contain("repeating it is safe"));
            Assert.That(((ProviderRequestException)outcome.Error!).IsSafeToRepeat, Is.True);
            Assert.That(((ProviderRequestException)outcome.Error!).StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        });
    }

    [Test]
    public async Task A_422_fails_once_with_Drip_s_documented_messages()
    {
        Server.Given(Request.Create().WithPath(OrderPath).UsingPost())
            .RespondWith(Respond.Seed(422, "Drip/validation-errors.response.json"));

        var outcome = await ReportAsync(DocumentedPurchase());

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Attempts, Is.EqualTo(1), "a refusal is never retried, upsert or not");
            Assert.That(Server.Requests(), Has.Count.EqualTo(1));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(error.FailureKind, Is.EqualTo(ProviderFailureKind.Permanent));
            Assert.That(error.ErrorCode, Is.EqualTo("presence_error"));
            Assert.That(error.ProviderMessages, Is.EqualTo(new[] { "Email is required", "Name must be between 2 and 20 characters" }));
            Assert.That(error.Message, Does.Contain("Email is required"));
        });
    }

    [Test]
    public async Task The_typed_batch_sends_the_documented_body_and_reads_every_request_id()
    {
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .RespondWith(Respond.Seed(202, "Drip/shopper-activity-order-batch.response.json"));
        var seed = Seed.Read("Drip/shopper-activity-order-batch.request.json");

        // Every documented member, custom attributes (color, product_tag) included, survives the typed model.
        var orders = JsonSerializer.Deserialize(seed, DripJsonContext.Default.DripOrderActivityBatch)!.Orders!;
        await using var provider = Sdk.Build<DripOptions>(Server, Clock, services: Targets.AddTo);
        var result = await provider.GetRequiredService<IDripApi>().CreateOrderActivitiesAsync(TestCredentials.DripAccount, orders);

        WireAssert.Sent(Server.Requests().Single(), "POST", BatchPath, seed, [("Content-Type", Does.StartWith("application/json"))], written: Targets.All.Single());
        Assert.Multiple(() =>
        {
            Assert.That(result.RequestIds, Is.EqualTo(new[] { "db8a7b16-32dd-4863-8b6e-818e3eaab99a", "002048e9-3692-4f0a-8bbf-80a077acf642" }));
            Assert.That(orders[0].Items![0].CustomAttributes!["color"].GetString(), Is.EqualTo("black"));
            Assert.That(orders[1].ShippingAddress!.PostalCode, Is.EqualTo("01234"));
        });
    }

    [TestCase(0)]
    [TestCase(1001)]
    public async Task A_batch_outside_1_to_1000_orders_is_refused_before_sending(int count)
    {
        await using var provider = Sdk.Build<DripOptions>(Server, Clock);
        var orders = Enumerable.Range(0, count).Select(i => new DripOrderActivity { Provider = "shop", Email = "a@example.com", Action = "paid", OrderId = i.ToString(CultureInfo.InvariantCulture) }).ToList();

        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => provider.GetRequiredService<IDripApi>().CreateOrderActivitiesAsync(TestCredentials.DripAccount, orders));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.Contain("1 to 1,000"));
            Assert.That(Server.Requests(), Is.Empty);
        });
    }

    [Test]
    public async Task A_batch_of_1000_orders_is_sent_whole()
    {
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .RespondWith(Respond.Json(202, """{"request_ids":[]}"""));
        await using var provider = Sdk.Build<DripOptions>(Server, Clock);
        var orders = Enumerable.Range(0, 1000).Select(i => new DripOrderActivity { Provider = "shop", Email = "a@example.com", Action = "paid", OrderId = i.ToString(CultureInfo.InvariantCulture) }).ToList();

        await provider.GetRequiredService<IDripApi>().CreateOrderActivitiesAsync(TestCredentials.DripAccount, orders);

        Assert.That(JsonNode.Parse(Server.Requests().Single().Body!)!["orders"]!.AsArray(), Has.Count.EqualTo(1000));
    }

    [Test]
    public async Task The_v2_purchases_endpoint_stays_the_default()
    {
        Server.Given(Request.Create().UsingPost()).RespondWith(Respond.Json(201, "{}"));
        await using var provider = Sdk.Build<DripOptions>(Server, Clock);

        var outcome = await provider.ReportAsync(Clock, Purchases.DripSeed(), "Drip");

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DripOptions>>().Value.Api, Is.EqualTo(DripOrderApi.Purchases));
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(Server.Requests().Single().Path, Does.StartWith("/v2/" + TestCredentials.DripAccount + "/subscribers/"));
        });
    }

    [Test]
    public void The_API_and_default_provider_bind_from_configuration_and_bad_values_name_their_key()
    {
        static DripOptions Bind(params (string Key, string Value)[] values)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("PurchaseSdk:Drip:" + v.Key, v.Value))
                    .Append(new("PurchaseSdk:Drip:AccountId", TestCredentials.DripAccount))
                    .Append(new("PurchaseSdk:Drip:ApiKey", TestCredentials.DripKey)))
                .Build();
            var services = new ServiceCollection();
            services.AddPurchaseSdk(configuration.GetSection("PurchaseSdk")).AddDrip();
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DripOptions>>().Value;
        }

        var bound = Bind(("Api", "ShopperActivity"), ("DefaultProvider", "my_store"));
        var blank = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Bind(("DefaultProvider", " ")));
        var undefined = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Bind(("Api", "7")));

        Assert.Multiple(() =>
        {
            Assert.That(bound.Api, Is.EqualTo(DripOrderApi.ShopperActivity));
            Assert.That(bound.DefaultProvider, Is.EqualTo("my_store"));
            Assert.That(blank!.Message, Does.Contain("PurchaseSdk:Drip:DefaultProvider"));
            Assert.That(undefined!.Message, Does.Contain("PurchaseSdk:Drip:Api must be Purchases or ShopperActivity"));
        });
    }

    [TestCase("POST", "https://api.getdrip.com/v3/9999999/shopper_activity/order", true)]
    [TestCase("POST", "https://api.getdrip.com/v3/9999999/shopper_activity/order/batch", true)]
    [TestCase("POST", "http://127.0.0.1:5000/drip/v3/9999999/shopper_activity/order", true)]
    [TestCase("POST", "https://api.getdrip.com/v2/9999999/subscribers/a%40example.com/purchases", false)]
    [TestCase("POST", "https://api.getdrip.com/v2/9999999/subscribers/%2Fshopper_activity%2F/purchases", false)]
    [TestCase("PUT", "https://api.getdrip.com/v3/9999999/shopper_activity/order", false)]
    [TestCase("GET", "https://api.getdrip.com/v2/9999999/subscribers/a%40example.com/purchases", true)]
    public void Only_shopper_activity_posts_are_safe_to_repeat_among_Drip_s_creates(string method, string url, bool safe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        Assert.That(DripHttpBehavior.Instance.IsSafeToRepeat(request), Is.EqualTo(safe));
    }

    [TestCase("GET", true)]
    [TestCase("HEAD", true)]
    [TestCase("OPTIONS", true)]
    [TestCase("POST", false)]
    [TestCase("PUT", false)]
    [TestCase("PATCH", false)]
    [TestCase("DELETE", false)]
    public void By_default_only_reads_are_safe_to_repeat(string method, bool safe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.example.com/v3/shopper_activity/order");

        Assert.That(ProviderHttpBehavior.Default.IsSafeToRepeat(request), Is.EqualTo(safe));
    }
}
