using System.Net;
using System.Text.Json.Nodes;
using PurchaseSdk.Scout;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Scout;

/// <summary>Scout's checkout ingest, per seed 000_6d01df353a7e9aa9.txt (POST https://ingest.scoutapp.ai/ingest).</summary>
public sealed class ScoutCheckoutTests : StubbedTest
{
    private IRequestBuilder Ingest => Request.Create().WithPath("/ingest").UsingPost();

    private void IngestAnswersSuccess() =>
        Server.Given(Ingest).RespondWith(Respond.Seed(200, "Scout/ingest.response.json"));

    private List<JsonObject> SentCheckouts() => [.. Server.Requests().Select(r => JsonNode.Parse(r.Body!)!.AsObject())];

    [Test]
    public async Task The_seed_checkout_is_reproduced_from_a_purchase_with_the_access_token_trimmed()
    {
        IngestAnswersSuccess();

        var outcome = await ReportAsync<ScoutOptions>(Purchases.ScoutSeed());

        // The seed's token carries a trailing space (a documented quirk); tokens are trimmed before sending.
        var expected = JsonNode.Parse(Seed.Read("Scout/ingest.request.json"))!.AsObject();
        expected["access_token"] = "c9e035bef74b804483b7e306";
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Message, Is.EqualTo("Posted 1 checkout(s), one per purchased unit."));
            Assert.That(outcome.Attempts, Is.EqualTo(1));
        });
        WireAssert.Sent(Server.Requests().Single(), "POST", "/ingest", expected.ToJsonString(),
            [("x-api-key", Is.EqualTo(TestCredentials.ScoutKey)), ("Content-Type", Does.StartWith("application/json"))]);
    }

    [Test]
    public async Task Each_purchased_unit_becomes_one_checkout_and_tax_and_shipping_split_exactly()
    {
        IngestAnswersSuccess();
        var purchase = new Purchase
        {
            OrderId = "multi-1",
            Currency = "EUR",
            Tax = 10m,
            Shipping = 1m,
            OccurredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)),
            Lines =
            [
                new PurchaseLine { Name = "Cap", Quantity = 2, UnitPrice = 20m },
                new PurchaseLine { Name = "Shoe", Quantity = 1, UnitPrice = 60m, Size = "  " },
            ],
            Contexts = { new ScoutUserContext(42, "user-token") },
        };

        var outcome = await ReportAsync<ScoutOptions>(purchase);

        var sent = SentCheckouts();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Message, Does.Contain("Posted 3 checkout(s)"));
            Assert.That(outcome.Attempts, Is.EqualTo(3));
            Assert.That(sent.Select(c => (string)c["name"]!), Is.EqualTo(new[] { "Cap", "Cap", "Shoe" }));
            Assert.That(sent.Select(c => (long)c["purchase_price"]!), Is.EqualTo(new[] { 2000L, 2000L, 6000L }));
            // Tax 10.00 EUR spread by price 20:20:60 → 200 + 200 + 600 cents.
            Assert.That(sent.Select(c => (long)c["tax"]!), Is.EqualTo(new[] { 200L, 200L, 600L }));
            // Shipping 1.00 EUR evenly over 3 units → 34 + 33 + 33: the parts add up to the whole.
            Assert.That(sent.Select(c => (long)c["shipping_price"]!), Is.EqualTo(new[] { 34L, 33L, 33L }));
            Assert.That(sent.Select(c => (string)c["size"]!), Is.EqualTo(new[] { "OS", "OS", "OS" }));
            Assert.That(sent.Select(c => (string)c["purchase_currency"]!).Distinct(), Is.EqualTo(new[] { "eur" }));
            Assert.That(sent.Select(c => (long)c["checkout_time"]!).Distinct(), Is.EqualTo(new[] { 1767315845L }), "epoch seconds of 2026-01-02T01:04:05Z");
            Assert.That(sent.All(c => !c.ContainsKey("sku") && !c.ContainsKey("brand") && !c.ContainsKey("store")), Is.True, "absent optional fields are omitted");
        });
    }

    [Test]
    public async Task A_currency_Scout_does_not_accept_skips_Scout_without_a_request()
    {
        IngestAnswersSuccess();
        var purchase = Purchases.ScoutSeed();
        var yen = Purchases.Of(purchase.OrderId, "JPY", [new PurchaseLine { Name = "x", UnitPrice = 1500m }], [.. purchase.Contexts]);

        AssertSkippedWithoutSending(await ReportAsync<ScoutOptions>(yen), Does.Contain("Scout accepts only usd, eur, gbp").And.Contain("JPY"));
    }

    [Test]
    public async Task Without_a_Scout_user_context_Scout_is_skipped_naming_it()
    {
        IngestAnswersSuccess();

        AssertSkippedWithoutSending(await ReportAsync<ScoutOptions>(Purchases.Simple()), Does.Contain(nameof(ScoutUserContext)));
    }

    [Test]
    public async Task A_200_with_success_false_is_a_failure_carrying_Scout_s_message()
    {
        Server.Given(Ingest).RespondWith(Respond.Json(200, """{"success": false, "message": "Invalid user_id"}"""));

        var outcome = await ReportAsync<ScoutOptions>(Purchases.ScoutSeed());

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Attempts, Is.EqualTo(1));
            Assert.That(error.ProviderMessages, Is.EqualTo(new[] { "Invalid user_id" }));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(error.FailureKind, Is.EqualTo(ProviderFailureKind.Permanent));
            Assert.That(error.Message, Does.Contain("Invalid user_id").And.Contain("refused"));
        });
    }

    [Test]
    public async Task A_403_names_the_two_things_to_check_and_leaks_neither()
    {
        Server.Given(Ingest).RespondWith(Respond.Json(403, """{"success": false, "message": "Incorrect API key or incorrect access_token"}"""));

        var outcome = await ReportAsync<ScoutOptions>(Purchases.ScoutSeed());

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(Server.Requests(), Has.Count.EqualTo(1));
            Assert.That(error.Message, Does.Contain("PurchaseSdk:Scout:ApiKey").And.Contain("ScoutUserContext access token"));
            Assert.That(error.ToString(), Does.Not.Contain(TestCredentials.ScoutKey).And.Not.Contain("c9e035bef74b804483b7e306"));
        });
    }

    [Test]
    public async Task When_a_later_unit_fails_the_outcome_says_how_many_were_posted()
    {
        Server.Given(Ingest.WithBody(new WireMock.Matchers.JsonPartialMatcher("""{"name":"Second"}""")))
            .RespondWith(Respond.Json(422, """{"success": false, "message": "Could not process request"}"""));
        Server.Given(Ingest.WithBody(new WireMock.Matchers.JsonPartialMatcher("""{"name":"First"}""")))
            .RespondWith(Respond.Json(200, """{"success": true}"""));
        var purchase = Purchases.Of("p-2", "USD", [new PurchaseLine { Name = "First", UnitPrice = 1m }, new PurchaseLine { Name = "Second", UnitPrice = 2m }], new ScoutUserContext(7, "tok-777"));

        var outcome = await ReportAsync<ScoutOptions>(purchase);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Message, Does.StartWith("Scout accepted 1 of 2 checkouts, then failed:").And.Contain("Could not process request"));
            Assert.That(Server.Requests(), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task A_purchase_with_more_units_than_the_limit_is_skipped_not_posted_in_part()
    {
        IngestAnswersSuccess();
        var purchase = Purchases.Of("bulk", "USD", [new PurchaseLine { Name = "Sticker", Quantity = 101, UnitPrice = 1m }], new ScoutUserContext(7, "tok-777"));

        AssertSkippedWithoutSending(await ReportAsync<ScoutOptions>(purchase), Does.Contain("101 units").And.Contain("MaxCheckoutsPerPurchase"));
    }
}
