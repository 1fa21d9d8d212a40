using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Drip;
using PurchaseSdk.Testing;
using PurchaseSdk.Tests.Support;

namespace PurchaseSdk.Tests.Drip;

/// <summary>
/// Drip's shopper activity orders against the sandbox, which upserts them by provider and order id as Drip's document
/// says (DripEmail/api-docs <c>source/includes/shopper_activity/_order_activity.md</c>, "To update an existing order,
/// include the provider and order_id for that order in the payload"): whatever fault hits a report, one order is
/// stored. Time is the test clock; nothing sleeps.
/// </summary>
public sealed class DripShopperActivitySandboxTests
{
    private PurchaseSandbox _sandbox = null!;
    private TestClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new TestClock();
        _sandbox = PurchaseSandbox.Start(new PurchaseSandboxOptions { Time = _clock });
    }

    [TearDown]
    public void TearDown() => _sandbox.Dispose();

    private ServiceProvider Build(Action<DripOptions>? configure = null) =>
        Sdk.Build(_clock, sdk => sdk.AddDrip(o =>
        {
            Sdk.UseTestResilience(o);
            o.Api = DripOrderApi.ShopperActivity;
            configure?.Invoke(o);
        }).UsePurchaseSandbox(_sandbox));

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

    private async Task<ProviderOutcome> ReportAsync(ServiceProvider services, Purchase? purchase = null) =>
        (await _clock.RunAsync(services.GetRequiredService<IPurchaseReporter>().ReportAsync(purchase ?? Order())))["Drip"]!;

    [Test]
    public async Task The_sandbox_stores_the_order_and_answers_a_request_id()
    {
        await using var services = Build();

        var outcome = await ReportAsync(services);

        var order = _sandbox.Drip.Orders.Single();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(Guid.TryParse(outcome.ProviderReference, out _), Is.True, outcome.ProviderReference);
            Assert.That(_sandbox.Drip.Requests.Single().Path, Is.EqualTo("/v3/" + _sandbox.Credentials.DripAccountId + "/shopper_activity/order"));
            Assert.That((string?)order["order_id"], Is.EqualTo("sa-1"));
            Assert.That((string?)order["action"], Is.EqualTo("paid"));
            Assert.That(order["grand_total"]!.GetValue<decimal>(), Is.EqualTo(49m));
            Assert.That(_sandbox.Drip.RecordCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_connection_dropped_after_Drip_stored_the_order_is_retried_and_leaves_one_order()
    {
        // Stored, then the connection closes without an answer: the request may have been processed.
        _sandbox.Drip.FailNext(1, SandboxFault.AcceptThenFail(statusCode: null));
        await using var services = Build();

        var outcome = await ReportAsync(services);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(2));
            Assert.That(_sandbox.Drip.Requests, Has.Count.EqualTo(2), "sent again, no look-up");
            Assert.That(_sandbox.Drip.Requests.Select(r => r.Method), Is.All.EqualTo("POST"));
            Assert.That(_sandbox.Drip.Orders, Has.Count.EqualTo(1), "Drip upserts: the second post updated the first");
            Assert.That(_sandbox.Drip.RecordCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_connection_dropped_before_Drip_stored_anything_is_retried_and_records_the_order()
    {
        _sandbox.Drip.FailNext(1, SandboxFault.DropConnection());
        await using var services = Build();

        var outcome = await ReportAsync(services);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(2));
            Assert.That(_sandbox.Drip.Orders, Has.Count.EqualTo(1));
        });
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(504)]
    public async Task A_5xx_after_Drip_stored_the_order_is_retried_and_leaves_one_order(int status)
    {
        _sandbox.Drip.FailNext(1, SandboxFault.AcceptThenFail(status));
        await using var services = Build();

        var outcome = await ReportAsync(services);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(2));
            Assert.That(_sandbox.Drip.Orders, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task An_attempt_timeout_after_Drip_stored_the_order_is_retried_and_leaves_one_order()
    {
        // Drip stores the order at once but answers after 45 s; the attempt timeout is 10 s.
        var slow = TimeSpan.FromSeconds(45);
        _clock.Skips = due => due == slow || due < TimeSpan.FromSeconds(5);
        _sandbox.Drip.FailNext(1, SandboxFault.Slow(slow));
        await using var services = Build(o => o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10));

        var outcome = await ReportAsync(services);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(2));
            Assert.That(_sandbox.Drip.Orders, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task An_unreadable_answer_after_Drip_stored_the_order_is_sent_again_and_leaves_one_order()
    {
        _sandbox.Drip.FailNext(1, SandboxFault.MalformedAnswer());
        await using var services = Build();

        var outcome = await ReportAsync(services);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(2));
            Assert.That(Guid.TryParse(outcome.ProviderReference, out _), Is.True);
            Assert.That(_sandbox.Drip.Orders, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Reporting_the_order_again_with_a_new_status_updates_it_rather_than_adding_one()
    {
        await using var services = Build();

        var placed = await ReportAsync(services, Order("placed"));
        var fulfilled = await ReportAsync(services, Order("fulfilled"));

        var order = _sandbox.Drip.Orders.Single();
        Assert.Multiple(() =>
        {
            Assert.That(placed.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), placed.Message);
            Assert.That(fulfilled.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), fulfilled.Message);
            Assert.That(fulfilled.ProviderReference, Is.Not.EqualTo(placed.ProviderReference), "one request id per request");
            Assert.That((string?)order["action"], Is.EqualTo("fulfilled"));
            Assert.That(_sandbox.Drip.RecordCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_422_from_the_sandbox_names_every_missing_field_and_is_not_retried()
    {
        await using var services = Build();
        var api = services.GetRequiredService<IDripApi>();

        var error = await Assert.ThrowsAsync<ProviderRequestException>(() =>
            api.CreateOrderActivityAsync(_sandbox.Credentials.DripAccountId, new DripOrderActivity { Email = "ada@example.com", Action = "shipped", OrderId = "sa-1" }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(error.FailureKind, Is.EqualTo(ProviderFailureKind.Permanent));
            Assert.That(error.ErrorCode, Is.EqualTo("presence_error"));
            Assert.That(error.ProviderMessages, Has.Count.EqualTo(2));
            Assert.That(error.ProviderMessages[0], Does.Contain("Provider is required"));
            Assert.That(error.ProviderMessages[1], Does.Contain("Action must be one of placed, updated, paid, fulfilled, refunded, canceled"));
            Assert.That(_sandbox.Drip.Requests, Has.Count.EqualTo(1));
            Assert.That(_sandbox.Drip.Orders, Is.Empty);
        });
    }

    [Test]
    public async Task A_batch_upserts_each_order_and_answers_one_request_id_per_order()
    {
        await using var services = Build();
        var api = services.GetRequiredService<IDripApi>();
        DripOrderActivity Event(string orderId, string action) => new() { Provider = "my_store", Email = "ada@example.com", Action = action, OrderId = orderId, GrandTotal = 10.5m, Currency = "USD" };

        var result = await api.CreateOrderActivitiesAsync(_sandbox.Credentials.DripAccountId, [Event("b-1", "placed"), Event("b-2", "placed"), Event("b-1", "paid")]);

        Assert.Multiple(() =>
        {
            Assert.That(result.RequestIds, Has.Count.EqualTo(3));
            Assert.That(_sandbox.Drip.Orders.Select(o => (string?)o["order_id"]), Is.EqualTo(new[] { "b-1", "b-2" }));
            Assert.That((string?)_sandbox.Drip.Orders[0]["action"], Is.EqualTo("paid"));
        });
    }

    [Test]
    public async Task The_sandbox_refuses_an_empty_or_oversized_batch_and_wrong_credentials_like_Drip()
    {
        using var http = new HttpClient();
        var url = new Uri(_sandbox.Drip.Address + $"/v3/{_sandbox.Credentials.DripAccountId}/shopper_activity/order/batch");
        async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string body, string apiKey)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":")));
            using var response = await http.SendAsync(request);
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        }

        var order = """{"provider":"my_store","email":"ada@example.com","action":"paid","order_id":"x"}""";
        var empty = await PostAsync("""{"orders":[]}""", _sandbox.Credentials.DripApiKey);
        var oversized = await PostAsync("{\"orders\":[" + string.Join(",", Enumerable.Repeat(order, 1001)) + "]}", _sandbox.Credentials.DripApiKey);
        var unauthorized = await PostAsync("{\"orders\":[" + order + "]}", "wrong-key");

        Assert.Multiple(() =>
        {
            Assert.That(empty.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That((string?)empty.Body!["errors"]![0]!["code"], Is.EqualTo("length_error"));
            Assert.That(oversized.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That((string?)oversized.Body!["errors"]![0]!["attribute"], Is.EqualTo("orders"));
            Assert.That(unauthorized.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(_sandbox.Drip.Orders, Is.Empty);
        });
    }
}
