using System.Net;
using System.Text.Json.Nodes;

namespace PurchaseSdk.Delivery.Dashboard.Tests.Api;

/// <summary>
/// The JSON endpoints the page draws from, over the seeded store: four orders an hour apart to five providers, Kit's
/// deliveries succeeded / failed (422) / indeterminate (recorded, then 500) / pending (503, Retry-After 2 h), then 25 min.
/// </summary>
public sealed class ReadEndpointsTests
{
    private DashboardHost _host = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await DashboardHost.StartAsync();
        _client = _host.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task The_overview_counts_by_state_and_provider_with_the_age_of_the_oldest_pending_delivery()
    {
        var overview = await _client.GetJsonAsync("api/overview");

        var totals = overview["totals"]!.AsArray().ToDictionary(t => (string)t!["state"]!, t => (long)t!["count"]!);
        Assert.That(totals, Is.EqualTo(new Dictionary<string, long>
        {
            ["Pending"] = 1, ["Succeeded"] = Seeded.SucceededCount, ["Skipped"] = 0, ["Failed"] = 1, ["Indeterminate"] = 1, ["Cancelled"] = 0,
        }));
        Assert.That(overview["providers"]!.AsArray().Select(p => (string)p!), Is.EqualTo(new[] { "Drip", "ElasticPath", "Kit", "Rundl", "Scout" }));
        var kit = overview["counts"]!.AsArray().Where(c => (string)c!["provider"]! == "Kit").ToDictionary(c => (string)c!["state"]!, c => (long)c!["count"]!);
        Assert.That(kit, Is.EqualTo(new Dictionary<string, long> { ["Pending"] = 1, ["Succeeded"] = 1, ["Failed"] = 1, ["Indeterminate"] = 1 }));
        Assert.That((double?)overview["oldestPendingAgeSeconds"], Is.EqualTo(25 * 60).Within(1));
        Assert.That((DateTimeOffset)overview["generatedAt"]!, Is.EqualTo(_host.Clock.GetUtcNow()), "the application's clock, not the browser's");
    }

    [Test]
    public async Task The_history_has_one_bucket_per_hour_of_the_last_day_with_each_outcome_where_it_happened()
    {
        var history = await _client.GetJsonAsync("api/history");
        var buckets = history["buckets"]!.AsArray();

        Assert.That((double)history["bucketSeconds"]!, Is.EqualTo(3600));
        Assert.That(buckets, Has.Count.EqualTo(24));
        // Now is 3 h 25 min after the first order; buckets end at now, so the four orders fall in the last four.
        string Row(int i) => $"{buckets[i]!["succeeded"]}/{buckets[i]!["failed"]}/{buckets[i]!["indeterminate"]}";
        Assert.That(Enumerable.Range(20, 4).Select(Row), Is.EqualTo(new[] { "5/0/0", "4/1/0", "4/0/1", "4/0/0" }));
        Assert.That(Enumerable.Range(0, 20).Select(Row), Is.All.EqualTo("0/0/0"));

        var quarterHours = await _client.GetJsonAsync("api/history?hours=2&bucketMinutes=15");
        Assert.That(quarterHours["buckets"]!.AsArray(), Has.Count.EqualTo(8));
        Assert.That((await _client.GetAsync("api/history?hours=24&bucketMinutes=1")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "more than 1,000 buckets");
    }

    [Test]
    public async Task Lists_filter_by_state_provider_and_order_and_page_through_everything_once()
    {
        var seen = new List<long>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await _client.GetJsonAsync("api/deliveries?state=succeeded&pageSize=5" + (after is null ? "" : "&afterId=" + after));
            pages++;
            Assert.That((long)page["total"]!, Is.EqualTo(Seeded.SucceededCount));
            Assert.That(page["items"]!.AsArray().Select(i => (string)i!["state"]!), Is.All.EqualTo("Succeeded"));
            seen.AddRange(page["items"]!.AsArray().Select(i => (long)i!["id"]!));
            after = page["nextAfterId"]?.ToString();
        }
        while (after is not null);

        Assert.That(pages, Is.EqualTo(4));
        Assert.That(seen, Is.Unique.And.Ordered.And.Count.EqualTo(Seeded.SucceededCount));

        var kit = await _client.GetJsonAsync("api/deliveries?provider=Kit");
        Assert.That(kit["items"]!.AsArray().Select(i => (string)i!["provider"]!), Is.EqualTo(Enumerable.Repeat("Kit", 4)));
        var order = await _client.GetJsonAsync("api/deliveries?orderId=ORD-2");
        Assert.That(order["items"]!.AsArray().Select(i => (string)i!["orderId"]!), Is.EqualTo(Enumerable.Repeat("ORD-2", 5)));
        var failedKit = await _client.GetJsonAsync("api/deliveries?state=Failed&provider=Kit&orderId=ORD-2");
        Assert.That(failedKit["items"]!.AsArray().Select(i => (long)i!["id"]!), Is.EqualTo(new[] { _host.Seeded.FailedKit }));
        Assert.That(failedKit["items"]![0]!["actions"]!.AsArray().Select(a => (string)a!), Is.EqualTo(new[] { "redrive", "cancel" }));
        Assert.That(failedKit["items"]![0]!["history"]!.AsArray(), Is.Empty, "lists carry no attempts");
    }

    [TestCase("state=Bogus")]
    [TestCase("state=4")]
    [TestCase("pageSize=0")]
    [TestCase("pageSize=201")]
    [TestCase("afterId=-1")]
    [TestCase("afterId=abc")]
    public async Task A_bad_query_is_refused_with_a_problem_naming_it(string query)
    {
        using var response = await _client.GetAsync("api/deliveries?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((string?)(await response.JsonAsync())["detail"], Does.Contain(query.Split('=')[0]));
    }

    [Test]
    public async Task An_order_shows_every_delivery_with_its_attempts_last_error_and_reference()
    {
        var order = await _client.GetJsonAsync("api/order?orderId=ORD-2");
        var deliveries = order["deliveries"]!.AsArray();

        Assert.That(deliveries, Has.Count.EqualTo(5));
        var kit = deliveries.Single(d => (string)d!["provider"]! == "Kit")!;
        Assert.That((string?)kit["state"], Is.EqualTo("Failed"));
        Assert.That((string?)kit["lastError"], Does.Contain("Kit answered 422"));
        var attempt = kit["history"]!.AsArray().Single()!;
        Assert.That(((string?)attempt["outcome"], (int)attempt["providerAttempts"]!), Is.EqualTo(("Failed", 1)));
        var elasticPath = deliveries.Single(d => (string)d!["provider"]! == "ElasticPath")!;
        Assert.That((string?)elasticPath["state"], Is.EqualTo("Succeeded"));
        Assert.That((string?)elasticPath["providerReference"], Is.Not.Empty.And.EqualTo((string?)elasticPath["history"]![0]!["providerReference"]), "the Elastic Path order id");

        var one = await _client.GetJsonAsync($"api/deliveries/{_host.Seeded.IndeterminateKit}");
        Assert.That(one["actions"]!.AsArray().Select(a => (string)a!), Is.EqualTo(new[] { "resolve", "resend", "cancel" }));
        Assert.That((await _client.GetAsync("api/order?orderId=NOPE")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _client.GetAsync("api/deliveries/999999")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task No_secret_and_no_customer_email_reaches_any_endpoint()
    {
        var c = _host.Sandbox.Credentials;
        string[] secrets = [c.KitAccessToken, c.ScoutApiKey, c.ScoutUserAccessToken, c.RundlAccessToken, c.DripApiKey, c.ElasticPathClientSecret, "ada@example.com"];
        var answers = new List<string>();
        foreach (var path in new[] { "api/overview", "api/history", "api/deliveries?pageSize=200", "api/order?orderId=ORD-1", "api/order?orderId=ORD-2", "api/order?orderId=ORD-3", "api/order?orderId=ORD-4" })
        {
            answers.Add(DashboardApi.Compact(await _client.GetJsonAsync(path)));
        }

        Assert.That(answers, Has.Count.EqualTo(7).And.Some.Contains("Kit answered"), "the answers carry the errors");
        foreach (var secret in secrets)
        {
            Assert.That(answers, Has.None.Contains(secret));
        }
    }
}
