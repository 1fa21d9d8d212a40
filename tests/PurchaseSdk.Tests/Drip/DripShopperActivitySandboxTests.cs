using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PurchaseSdk.Drip;
using PurchaseSdk.Testing;

namespace PurchaseSdk.Tests.Drip;

/// <summary>
/// Drip's shopper activity orders against the sandbox, which upserts them by provider and order id as Drip's document
/// says (DripEmail/api-docs <c>source/includes/shopper_activity/_order_activity.md</c>, "To update an existing order,
/// include the provider and order_id for that order in the payload"): whatever fault hits a report, one order is
/// stored. Time is the test clock; nothing sleeps.
/// </summary>
public sealed class DripShopperActivitySandboxTests : SandboxTest
{
    private ServiceProvider Build(Action<DripOptions>? configure = null) =>
        Sdk.Build(Clock, sdk => sdk.AddDrip(o =>
        {
            Sdk.UseTestResilience(o);
            o.Api = DripOrderApi.ShopperActivity;
            configure?.Invoke(o);
        }).UsePurchaseSandbox(Sandbox));

    private static Purchase Order(string? status = null) => new()
    {
        OrderId = "sa-1",
        Customer = new Customer { Email = "ada@example.com" },
        Currency = "USD",
        Source = "my_store",
        Status = status,
        OccurredAt = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero),
        Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "765432", UnitPrice = 49m }],
    };

    private Task<ProviderOutcome> ReportAsync(ServiceProvider services, Purchase? purchase = null) => services.ReportAsync(Clock, purchase ?? Order(), "Drip");

    [Test]
    public async Task The_sandbox_stores_the_order_and_answers_a_request_id()
    {
        await using var services = Build();

        var outcome = await ReportAsync(services);

        var order = Sandbox.Drip.Orders.Single();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(Guid.TryParse(outcome.ProviderReference, out _), Is.True, outcome.ProviderReference);
            Assert.That(Sandbox.Drip.Requests.Single().Path, Is.EqualTo("/v3/" + Sandbox.Credentials.DripAccountId + "/shopper_activity/order"));
            Assert.That((string?)order["order_id"], Is.EqualTo("sa-1"));
            Assert.That((string?)order["action"], Is.EqualTo("paid"));
            Assert.That(order["grand_total"]!.GetValue<decimal>(), Is.EqualTo(49m));
            Assert.That(Sandbox.Drip.RecordCount, Is.EqualTo(1));
        });
    }

    /// <summary>Drip stores the order at once but answers after 45 s, beyond the 10 s attempt timeout.</summary>
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(45);

    /// <summary>Every fault after which Drip may hold the order; each keeps its own test name.</summary>
    private static IEnumerable<TestCaseData> FaultsAfterWhichDripMayHoldTheOrder()
    {
        // Stored, then the connection closes without an answer: the request may have been processed.
        yield return Case(SandboxFault.AcceptThenFail(statusCode: null), "A_connection_dropped_after_Drip_stored_the_order_is_retried_and_leaves_one_order");
        yield return Case(SandboxFault.DropConnection(), "A_connection_dropped_before_Drip_stored_anything_is_retried_and_records_the_order");
        foreach (var status in new[] { 500, 502, 504 })
        {
            yield return Case(SandboxFault.AcceptThenFail(status), $"A_5xx_after_Drip_stored_the_order_is_retried_and_leaves_one_order({status})");
        }

        yield return Case(SandboxFault.Slow(SlowAnswer), "An_attempt_timeout_after_Drip_stored_the_order_is_retried_and_leaves_one_order");
        yield return Case(SandboxFault.MalformedAnswer(), "An_unreadable_answer_after_Drip_stored_the_order_is_sent_again_and_leaves_one_order");

        static TestCaseData Case(SandboxFault fault, string name) => new TestCaseData(fault).SetName(name);
    }

    [TestCaseSource(nameof(FaultsAfterWhichDripMayHoldTheOrder))]
    public async Task A_fault_after_which_Drip_may_hold_the_order_is_sent_again_and_leaves_one_order(SandboxFault fault)
    {
        // The clock skips backoff and the slow answer's delay; the 10 s attempt timeout fires only before a slow answer.
        Clock.Skips = due => due == SlowAnswer || due < TimeSpan.FromSeconds(5);
        Sandbox.Drip.FailNext(1, fault);
        await using var services = Build(o => o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10));

        var outcome = await ReportAsync(services);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(2));
            Assert.That(Guid.TryParse(outcome.ProviderReference, out _), Is.True, outcome.ProviderReference);
            Assert.That(Sandbox.Drip.Requests.Select(r => r.Method), Is.EqualTo(new[] { "POST", "POST" }), "sent again, no look-up");
            Assert.That(Sandbox.Drip.Orders, Has.Count.EqualTo(1), "Drip upserts: the second post updated the first");
            Assert.That(Sandbox.Drip.RecordCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Reporting_the_order_again_with_a_new_status_updates_it_rather_than_adding_one()
    {
        await using var services = Build();

        var placed = await ReportAsync(services, Order("placed"));
        var fulfilled = await ReportAsync(services, Order("fulfilled"));

        var order = Sandbox.Drip.Orders.Single();
        Assert.Multiple(() =>
        {
            Assert.That(placed.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), placed.Message);
            Assert.That(fulfilled.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), fulfilled.Message);
            Assert.That(fulfilled.ProviderReference, Is.Not.EqualTo(placed.ProviderReference), "one request id per request");
            Assert.That((string?)order["action"], Is.EqualTo("fulfilled"));
            Assert.That(Sandbox.Drip.RecordCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_422_from_the_sandbox_names_every_missing_field_and_is_not_retried()
    {
        await using var services = Build();
        var api = services.GetRequiredService<IDripApi>();

        var error = await Assert.ThrowsAsync<ProviderRequestException>(() =>
            api.CreateOrderActivityAsync(Sandbox.Credentials.DripAccountId, new DripOrderActivity { Email = "ada@example.com", Action = "shipped", OrderId = "sa-1" }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(error.FailureKind, Is.EqualTo(ProviderFailureKind.Permanent));
            Assert.That(error.ErrorCode, Is.EqualTo("presence_error"));
            Assert.That(error.ProviderMessages, Has.Count.EqualTo(2));
            Assert.That(error.ProviderMessages[0], Does.Contain("Provider is required"));
            Assert.That(error.ProviderMessages[1], Does.Contain("Action must be one of placed, updated, paid, fulfilled, refunded, canceled"));
            Assert.That(Sandbox.Drip.Requests, Has.Count.EqualTo(1));
            Assert.That(Sandbox.Drip.Orders, Is.Empty);
        });
    }

    [Test]
    public async Task A_batch_upserts_each_order_and_answers_one_request_id_per_order()
    {
        await using var services = Build();
        var api = services.GetRequiredService<IDripApi>();
        DripOrderActivity Event(string orderId, string action) => new() { Provider = "my_store", Email = "ada@example.com", Action = action, OrderId = orderId, GrandTotal = 10.5m, Currency = "USD" };

        var result = await api.CreateOrderActivitiesAsync(Sandbox.Credentials.DripAccountId, [Event("b-1", "placed"), Event("b-2", "placed"), Event("b-1", "paid")]);

        Assert.Multiple(() =>
        {
            Assert.That(result.RequestIds, Has.Count.EqualTo(3));
            Assert.That(Sandbox.Drip.Orders.Select(o => (string?)o["order_id"]), Is.EqualTo(new[] { "b-1", "b-2" }));
            Assert.That((string?)Sandbox.Drip.Orders[0]["action"], Is.EqualTo("paid"));
        });
    }

    [Test]
    public async Task The_sandbox_refuses_an_empty_or_oversized_batch_and_wrong_credentials_like_Drip()
    {
        using var http = new HttpClient();
        var url = new Uri(Sandbox.Drip.Address + $"/v3/{Sandbox.Credentials.DripAccountId}/shopper_activity/order/batch");
        async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string body, string apiKey)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":")));
            using var response = await http.SendAsync(request);
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        }

        var order = """{"provider":"my_store","email":"ada@example.com","action":"paid","order_id":"x"}""";
        var empty = await PostAsync("""{"orders":[]}""", Sandbox.Credentials.DripApiKey);
        var oversized = await PostAsync("{\"orders\":[" + string.Join(",", Enumerable.Repeat(order, 1001)) + "]}", Sandbox.Credentials.DripApiKey);
        var unauthorized = await PostAsync("{\"orders\":[" + order + "]}", "wrong-key");

        Assert.Multiple(() =>
        {
            Assert.That(empty.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That((string?)empty.Body!["errors"]![0]!["code"], Is.EqualTo("length_error"));
            Assert.That(oversized.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That((string?)oversized.Body!["errors"]![0]!["attribute"], Is.EqualTo("orders"));
            Assert.That(unauthorized.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(Sandbox.Drip.Orders, Is.Empty);
        });
    }
}
