using System.Net;
using System.Text;
using PurchaseSdk.Drip;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PurchaseSdk.Tests.Drip;

/// <summary>Drip's purchases, per seed 003_3857916561358550.txt (POST/GET /v2/:account_id/subscribers/:id_or_email/purchases).</summary>
public sealed class DripPurchaseTests : StubbedTest
{
    private const string EscapedEmail = "john%2Btest%40example.com";
    private const string PurchasesPath = "/v2/" + TestCredentials.DripAccount + "/subscribers/" + EscapedEmail + "/purchases";

    private void CreateAnswers201() =>
        Server.Given(Request.Create().UsingPost()).RespondWith(Respond.Json(201, "{}"));

    [Test]
    public async Task The_seed_request_is_reproduced_for_the_customer_s_email_with_basic_auth()
    {
        CreateAnswers201();

        var outcome = await ReportAsync<DripOptions>(Purchases.DripSeed(), services: DripStubs.NameTheApplication);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(1));
        });
        WireAssert.Sent(Server.Requests().Single(), "POST", PurchasesPath, Seed.Read("Drip/create-purchases.request.json"), DripStubs.DocumentedHeaders, written: Targets.All.Single());
    }

    [Test]
    public async Task An_OAuth_token_is_sent_as_bearer_and_a_subscriber_id_wins_over_the_email()
    {
        CreateAnswers201();
        var purchase = Purchases.DripSeed();
        purchase.Contexts.Add(new DripSubscriberContext("98asdh9f8asd88d"));

        await ReportAsync<DripOptions>(purchase, o =>
        {
            o.ApiKey = null;
            o.AccessToken = "drip-oauth-token";
        });

        var request = Server.Requests().Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Header("Authorization"), Is.EqualTo("Bearer drip-oauth-token"));
            Assert.That(request.Path, Is.EqualTo("/v2/9999999/subscribers/98asdh9f8asd88d/purchases"));
        });
    }

    [TestCase("john+test@example.com", "john%2Btest%40example.com")]
    [TestCase("a/b@example.com", "a%2Fb%40example.com")]
    [TestCase("100%real@example.com", "100%25real%40example.com")]
    [TestCase("what?#x@example.com", "what%3F%23x%40example.com")]
    [TestCase("../../admin", "..%2F..%2Fadmin")]
    public async Task The_subscriber_is_escaped_exactly_once_and_stays_one_path_segment(string subscriber, string segment)
    {
        CreateAnswers201();

        await ReportAsync<DripOptions>(Purchases.DripSeed(subscriber));

        // WireMock logs the path after decoding it, so the escaping is checked on the target the client wrote.
        Assert.Multiple(() =>
        {
            Assert.That(Targets.All.Single(), Is.EqualTo($"/v2/{TestCredentials.DripAccount}/subscribers/{segment}/purchases"), "the target as written on the wire");
            Assert.That(Server.Requests().Single().Method, Is.EqualTo("POST"));
        });
    }

    [TestCase("..")]
    [TestCase(".")]
    public async Task A_subscriber_that_would_change_the_path_is_refused_before_sending(string subscriber)
    {
        CreateAnswers201();
        await using var provider = Sdk.Build<DripOptions>(Server, Clock);
        var api = provider.GetRequiredService<IDripApi>();

        var outcome = await provider.ReportAsync(Clock, Purchases.DripSeed(subscriber), "Drip");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Skipped));
            Assert.Throws<ArgumentException>(() => api.ListPurchasesAsync(TestCredentials.DripAccount, subscriber));
            Assert.That(Server.Requests(), Is.Empty);
        });
    }

    [Test]
    public async Task Without_an_email_or_subscriber_id_Drip_is_skipped()
    {
        CreateAnswers201();
        var seed = Purchases.DripSeed();

        var outcome = await ReportAsync<DripOptions>(new Purchase { OrderId = seed.OrderId, Currency = seed.Currency, Lines = seed.Lines });

        AssertSkippedWithoutSending(outcome, Does.Contain("DripSubscriberContext").And.Contain("Customer.Email"));
    }

    [Test]
    public async Task Amounts_are_minor_units_and_an_item_amount_is_its_line_total()
    {
        CreateAnswers201();
        var purchase = new Purchase
        {
            OrderId = "o-9",
            Customer = new Customer { Email = "a@example.com" },
            Currency = "USD",
            Tax = 1.05m,
            Shipping = 4.99m,
            Discount = 2m,
            OccurredAt = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.FromHours(-4)),
            Lines = [new PurchaseLine { Name = "Paddle", Quantity = 3, UnitPrice = 12.34m }],
        };

        await ReportAsync<DripOptions>(purchase);

        JsonAssert.AreEquivalent(
            """{"purchases":[{"order_id":"o-9","amount":4106,"occurred_at":"2026-05-01T16:00:00Z","items":[{"amount":3702,"name":"Paddle","quantity":3}]}]}""",
            Server.Requests().Single().Body);
    }

    [Test]
    public async Task A_422_carries_Drip_s_error_code_and_message()
    {
        Server.Given(Request.Create().UsingPost()).RespondWith(Respond.Json(422, """{"errors":[{"code":"presence_error","attribute":"amount","message":"Amount can't be blank"}]}"""));

        var outcome = await ReportAsync<DripOptions>(Purchases.DripSeed());

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Attempts, Is.EqualTo(1));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(error.ErrorCode, Is.EqualTo("presence_error"));
            Assert.That(error.ProviderMessages, Is.EqualTo(new[] { "Amount can't be blank" }));
        });
    }

    [Test]
    public async Task An_exhausted_hourly_limit_fails_fast_with_RetryAfter_instead_of_spinning()
    {
        Server.Given(Request.Create().UsingPost()).RespondWith(Respond.Json(429, """{"message":"API rate limit exceeded. Please try again in an hour.","documentation":"https://www.getdrip.com/docs/rest-api#rate-limting"}""").WithHeader("X-RateLimit-Limit", "3600").WithHeader("X-RateLimit-Remaining", "0"));

        var outcome = await ReportAsync<DripOptions>(Purchases.DripSeed());

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Attempts, Is.EqualTo(1));
            Assert.That(outcome.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(error.ProviderMessages, Is.EqualTo(new[] { "API rate limit exceeded. Please try again in an hour." }));
            Assert.That(error.Message, Does.Contain("Retry after 3600 s").And.Contain("3,600 requests an hour"));
            Assert.That(Clock.Waited, Is.Empty);
        });
    }

    [Test]
    public async Task The_limit_reset_header_sets_the_wait_when_Drip_sends_it()
    {
        var reset = Clock.GetUtcNow().AddMinutes(7).ToUnixTimeSeconds();
        Server.Given(Request.Create().UsingPost()).RespondWith(Respond.Json(429, """{"message":"API rate limit exceeded. Please try again in an hour."}""").WithHeader("X-RateLimit-Remaining", "0").WithHeader("X-RateLimit-Reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var outcome = await ReportAsync<DripOptions>(Purchases.DripSeed());

        Assert.That(outcome.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(7)));
    }

    [Test]
    public async Task A_429_with_budget_left_is_retried_with_backoff()
    {
        Server.AnswerInTurn(Request.Create().UsingPost(), Respond.Json(429, """{"message":"slow down"}""").WithHeader("X-RateLimit-Remaining", "12"), Respond.Json(201, "{}"));

        var outcome = await ReportAsync<DripOptions>(Purchases.DripSeed());

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(outcome.Attempts, Is.EqualTo(2));
            Assert.That(Clock.Waited, Has.Count.EqualTo(1));
        });
    }
}
