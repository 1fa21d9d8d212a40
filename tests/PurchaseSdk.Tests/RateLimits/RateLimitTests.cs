using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Http;
using NUnit.Framework.Constraints;
using PurchaseSdk.Kit;
using PurchaseSdk.Testing;
using PurchaseSdk.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PurchaseSdk.Tests.RateLimits;

/// <summary>
/// Issue #14: each provider's documented request budget is kept before the provider says 429, in the shared
/// pipeline (one budget per credential for the reporter and the typed clients), with System.Threading.RateLimiting
/// windows on the injected clock.
/// </summary>
public sealed class RateLimitTests : StubbedTest
{
    [Test]
    public async Task A_thousand_Kit_reports_with_Kit_s_limit_draw_no_429_and_take_the_time_the_limit_allows()
    {
        var clock = new TestClock();
        await using var sandbox = PurchaseSandbox.Start(new PurchaseSandboxOptions { Time = clock, EmulateRateLimits = true });
        var requests = new RequestsInFlight();
        await using var services = Sdk.Build(
            clock,
            sdk => sdk.AddKit(Sdk.UseTestResilience).UsePurchaseSandbox(sandbox),
            s => s.AddSingleton<IHttpMessageHandlerBuilderFilter>(requests));
        var reporter = services.GetRequiredService<IPurchaseReporter>();
        var started = clock.GetUtcNow();

        var reports = await clock.RunByEventsAsync(
            Task.WhenAll(Enumerable.Range(0, 1000).Select(i => reporter.ReportAsync(Purchases.Simple("rl-" + i)))),
            requests.NoneAsync);

        var elapsed = clock.GetUtcNow() - started;
        Assert.Multiple(() =>
        {
            Assert.That(reports.Select(r => r["Kit"]!.Status), Is.All.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(sandbox.Kit.RateLimitRefusals, Is.Zero, "the SDK kept Kit's 600 per 60 s itself");
            Assert.That(sandbox.Kit.RecordCount, Is.EqualTo(1000));
            // 600 go at once; the other 400 as the first window's permits return, 60 s later.
            Assert.That(elapsed, Is.InRange(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(90)), "the time Kit's limit allows, no more");
        });
    }

    [Test]
    public async Task Without_the_SDK_s_budget_the_emulated_Kit_answers_the_601st_request_of_a_minute_with_429()
    {
        var clock = new TestClock();
        await using var sandbox = PurchaseSandbox.Start(new PurchaseSandboxOptions { Time = clock, EmulateRateLimits = true });
        await using var services = Sdk.Build(clock, sdk => sdk.AddKit(o =>
        {
            Sdk.UseTestResilience(o);
            o.RateLimit.Enabled = false;
            o.Resilience.MaxRetries = 0;
        }).UsePurchaseSandbox(sandbox));
        var reporter = services.GetRequiredService<IPurchaseReporter>();

        var reports = await Task.WhenAll(Enumerable.Range(0, 601).Select(i => reporter.ReportAsync(Purchases.Simple("raw-" + i))));

        var refused = reports.Select(r => r["Kit"]!).Where(o => o.Status == ProviderOutcomeStatus.Failed).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sandbox.Kit.RateLimitRefusals, Is.EqualTo(1));
            Assert.That(refused, Has.Count.EqualTo(1));
            Assert.That(((ProviderRequestException)refused[0].Error!).StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(refused[0].Message, Does.Contain("Retry later"), "Kit's plain-text 429");
        });
    }

    [Test]
    public async Task A_wait_longer_than_MaxRetryAfter_fails_at_once_not_processed_with_RetryAfter_and_nothing_sent()
    {
        await using var services = KitWithBudget(2, TimeSpan.FromHours(1), o => o.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(30));
        var reporter = services.GetRequiredService<IPurchaseReporter>();

        await reporter.ReportAsync(Purchases.Simple("a"));
        await reporter.ReportAsync(Purchases.Simple("b"));
        var third = (await reporter.ReportAsync(Purchases.Simple("c")))["Kit"]!;

        AssertRefusedUnsent(third, Is.EqualTo(TimeSpan.FromMinutes(6)), requestsSent: 2); // the next of ten segments of the hour
    }

    [Test]
    public async Task A_wait_that_would_leave_less_than_one_attempt_before_the_deadline_is_refused_before_sending()
    {
        // Waiting until the permit returns (10 s) would leave 5 s of the 15 s deadline for a 10 s attempt: a request
        // sent then could be cut off after it reached Kit, which is "may have been recorded". Refused unsent instead.
        await using var services = KitWithBudget(1, TimeSpan.FromSeconds(10), o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(15);
            o.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(30);
        });
        var reporter = services.GetRequiredService<IPurchaseReporter>();

        Clock.Skips = due => due < TimeSpan.FromSeconds(5); // the budget's 1 s segments, not the attempt or total timeout
        await reporter.ReportAsync(Purchases.Simple("a"));
        var second = (await Clock.RunAsync(reporter.ReportAsync(Purchases.Simple("b"))))["Kit"]!;

        AssertRefusedUnsent(second, Is.Not.Null.And.GreaterThan(TimeSpan.Zero), requestsSent: 1); // the second purchase was never sent
    }

    [Test]
    public async Task A_short_wait_just_waits_for_the_next_segment()
    {
        await using var services = KitWithBudget(1, TimeSpan.FromSeconds(10));
        var reporter = services.GetRequiredService<IPurchaseReporter>();
        var started = Clock.GetUtcNow();

        await reporter.ReportAsync(Purchases.Simple("a"));
        var second = (await Clock.RunAsync(reporter.ReportAsync(Purchases.Simple("b"))))["Kit"]!;

        Assert.Multiple(() =>
        {
            Assert.That(second.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), second.Message);
            Assert.That(Clock.GetUtcNow() - started, Is.EqualTo(TimeSpan.FromSeconds(10)), "until the first permit's segments have slid out of the window");
            Assert.That(Server.Requests(), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Drip_s_spent_hour_closes_the_budget_until_X_RateLimit_Reset_without_sending()
    {
        var reset = Clock.GetUtcNow().AddMinutes(20);
        Server.Given(Request.Create().WithPath($"/v2/{TestCredentials.DripAccount}/subscribers/*").UsingPost()).InScenario("spent").WillSetStateTo("reset")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json")
                .WithHeader("X-RateLimit-Limit", "3600").WithHeader("X-RateLimit-Remaining", "0")
                .WithHeader("X-RateLimit-Reset", reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithBody("""{"message":"API rate limit exceeded. Please try again in an hour."}"""));
        Server.Given(Request.Create().WithPath($"/v2/{TestCredentials.DripAccount}/subscribers/*").UsingPost()).InScenario("spent").WhenStateIs("reset")
            .RespondWith(Respond.Json(201, "{}"));
        await using var services = Sdk.Build<PurchaseSdk.Drip.DripOptions>(Server, Clock);
        var reporter = services.GetRequiredService<IPurchaseReporter>();

        var first = (await reporter.ReportAsync(Purchases.DripSeed()))["Drip"]!;
        var second = (await reporter.ReportAsync(Purchases.DripSeed()))["Drip"]!;
        var requestsWhileSpent = Server.Requests().Count;
        Clock.Advance(TimeSpan.FromMinutes(20));
        var third = (await reporter.ReportAsync(Purchases.DripSeed()))["Drip"]!;

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(first.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(20)));
            Assert.That(second.Status, Is.EqualTo(ProviderOutcomeStatus.Failed), "refused by the SDK: Drip said when its hour ends");
            Assert.That(second.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(20)));
            Assert.That(second.Attempts, Is.Zero);
            Assert.That(requestsWhileSpent, Is.EqualTo(1), "nothing sent against a spent budget");
            Assert.That(third.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), third.Message);
        });
    }

    [Test]
    public async Task The_typed_client_and_the_reporter_share_one_budget_and_the_meter_counts_waits_and_refusals()
    {
        Server.Given(Request.Create().WithPath("/v4/purchases").UsingGet()).RespondWith(Respond.Json(200, """{"purchases":[],"pagination":{"has_previous_page":false,"has_next_page":false,"start_cursor":null,"end_cursor":null,"per_page":500}}"""));
        await using var services = KitWithBudget(3, TimeSpan.FromHours(1));
        using var refusals = new MetricCollector<long>(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PurchaseSdkTelemetry.MeterName, "purchasesdk.ratelimit.refusals");
        var api = services.GetRequiredService<IKitApi>();
        var reporter = services.GetRequiredService<IPurchaseReporter>();

        await api.ListPurchasesAsync();
        await api.ListPurchasesAsync();
        var report = (await reporter.ReportAsync(Purchases.Simple("shared-1")))["Kit"]!;
        var refused = (await reporter.ReportAsync(Purchases.Simple("shared-2")))["Kit"]!;

        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(refused.Status, Is.EqualTo(ProviderOutcomeStatus.Failed), "the two reads spent two of the three permits");
            Assert.That(Server.Requests(), Has.Count.EqualTo(3));
            Assert.That(refusals.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["provider"])), Is.EqualTo(new[] { (1L, (object?)"Kit") }));
        });
    }

    [Test]
    public async Task Each_Kit_token_has_its_own_budget()
    {
        await using var first = KitWithBudget(1, TimeSpan.FromHours(1));
        var options = first.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<KitOptions>>();

        var a = (await first.GetRequiredService<IPurchaseReporter>().ReportAsync(Purchases.Simple("t1")))["Kit"]!;
        options.CurrentValue.AccessToken = "another-kit-token-0123456789";
        var b = (await first.GetRequiredService<IPurchaseReporter>().ReportAsync(Purchases.Simple("t2")))["Kit"]!;

        Assert.Multiple(() =>
        {
            Assert.That(a.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(b.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), "a new token starts with a full budget");
        });
    }

    [Test]
    public async Task Drip_s_batch_endpoint_has_its_own_budget_apart_from_single_orders()
    {
        Server.Given(Request.Create().WithPath($"/v3/{TestCredentials.DripAccount}/shopper_activity/order*").UsingPost())
            .RespondWith(Respond.Json(202, """{"request_id":"r-1","request_ids":["r-1"]}"""));
        await using var services = Sdk.Build<PurchaseSdk.Drip.DripOptions>(Server, Clock, o => o.BatchRateLimit.PermitLimit = 1);
        var drip = services.GetRequiredService<PurchaseSdk.Drip.IDripApi>();
        var order = new PurchaseSdk.Drip.DripOrderActivity { Provider = "shop", Action = "paid", OrderId = "b-1", Email = "a@example.com" };

        await drip.CreateOrderActivityBatchAsync(TestCredentials.DripAccount, new PurchaseSdk.Drip.DripOrderActivityBatch { Orders = [order] });
        var refused = Assert.ThrowsAsync<ProviderRequestException>(() => drip.CreateOrderActivityBatchAsync(TestCredentials.DripAccount, new PurchaseSdk.Drip.DripOrderActivityBatch { Orders = [order] }));
        await drip.CreateOrderActivityAsync(TestCredentials.DripAccount, order);

        Assert.Multiple(async () =>
        {
            Assert.That((await refused)!.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(6)), "50 an hour: the next segment of the hour");
            Assert.That(Server.Requests().Select(r => r.Path), Is.EqualTo(new[] { $"/v3/{TestCredentials.DripAccount}/shopper_activity/order/batch", $"/v3/{TestCredentials.DripAccount}/shopper_activity/order" }));
        });
    }

    /// <summary>
    /// Kit answers every create; the SDK with Kit alone on the stub, a budget of <paramref name="permits"/> per
    /// <paramref name="window"/>, and <paramref name="configure"/> on Kit's other options.
    /// </summary>
    private ServiceProvider KitWithBudget(int permits, TimeSpan window, Action<KitOptions>? configure = null)
    {
        Server.Given(Request.Create().WithPath("/v4/purchases").UsingPost()).RespondWith(KitCreated());
        return Sdk.Build<KitOptions>(Server, Clock, o =>
        {
            o.RateLimit.PermitLimit = permits;
            o.RateLimit.Window = window;
            configure?.Invoke(o);
        });
    }

    /// <summary>
    /// Asserts that the SDK refused <paramref name="outcome"/> itself for Kit's budget, before sending it: not processed,
    /// no attempt, a Retry-After that satisfies <paramref name="retryAfter"/>, and only <paramref name="requestsSent"/> requests on the stub.
    /// </summary>
    private void AssertRefusedUnsent(ProviderOutcome outcome, IResolveConstraint retryAfter, int requestsSent) =>
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed), outcome.Message);
            Assert.That(outcome.Message, Does.Contain("PurchaseSdk:Kit:RateLimit"));
            Assert.That(((ProviderRequestException)outcome.Error!).FailureKind, Is.EqualTo(ProviderFailureKind.NotProcessed));
            Assert.That(outcome.RetryAfter, retryAfter, outcome.Message);
            Assert.That(outcome.Attempts, Is.Zero);
            Assert.That(Server.Requests(), Has.Count.EqualTo(requestsSent), "the refused purchase was never sent");
        });

    private static IResponseBuilder KitCreated() => Respond.Json(201, """{"purchase":{"id":8,"transaction_id":"t","status":"paid","email_address":"buyer@example.com","currency":"USD","transaction_time":"2026-11-29T12:00:00Z","subtotal":1.00,"tax":0,"shipping":0,"discount":0,"total":1.00,"products":[]}}""");
}
