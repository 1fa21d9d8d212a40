using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Tests.Kit;
using PurchaseSdk.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Core;

/// <summary>The facade with several real providers registered: one purchase reaches all of them, in parallel.</summary>
public sealed class FacadeTests
{
    /// <summary>Holds every request until <paramref name="expected"/> requests are in flight at once.</summary>
    private sealed class ConcurrencyBarrier(int expected)
    {
        private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public async Task ArriveAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _arrived) == expected)
            {
                _allArrived.SetResult();
            }

            // A sequential fan-out would never get the others here; the guard turns that hang into a failure.
            await _allArrived.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        }

        public DelegatingHandler CreateHandler() => new Handler(this);

        private sealed class Handler(ConcurrencyBarrier barrier) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                await barrier.ArriveAsync(cancellationToken);
                return await base.SendAsync(request, cancellationToken);
            }
        }
    }

    [Test]
    public async Task One_purchase_reaches_Kit_Scout_and_Rundl_in_parallel()
    {
        using var server = WireMockServer.Start();
        KitStubs.CreateAnswers201(server);
        server.Given(Request.Create().WithPath("/ingest").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(Seed.Read("Scout/ingest.response.json")));
        server.Given(Request.Create().WithPath("/api/checkouts").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(Seed.Read("Rundl/create-checkout.response.json")));
        var barrier = new ConcurrencyBarrier(3);
        var clock = new TestClock();
        await using var provider = Sdk.Build(
            clock,
            sdk => sdk
                .AddKit(o => { Sdk.PointAt(o, server); o.AccessToken = Sdk.KitToken; })
                .AddScout(o => { Sdk.PointAt(o, server); o.ApiKey = Sdk.ScoutKey; })
                .AddRundl(o => { Sdk.PointAt(o, server); o.BaseAddress = new Uri(server.Url + "/api"); o.AccessToken = Sdk.RundlToken; }),
            services => services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(barrier.CreateHandler)));
        var purchase = Purchases.KitSeed();
        purchase.Contexts.Add(new PurchaseSdk.Scout.ScoutUserContext(1, "user-token"));
        purchase.Contexts.Add(new PurchaseSdk.Rundl.RundlCheckoutContext { AccountId = 17357980, ServiceId = 30798101, ProductId = 30798131 });

        var report = await provider.GetRequiredService<IPurchaseReporter>().ReportAsync(purchase);

        Assert.Multiple(() =>
        {
            Assert.That(report.Outcomes.Select(o => o.Provider), Is.EquivalentTo(new[] { "Kit", "Scout", "Rundl" }));
            Assert.That(report.Outcomes.Select(o => o.Status), Is.All.EqualTo(ProviderOutcomeStatus.Succeeded), report.ToString());
            Assert.That(report["Kit"]!.ProviderReference, Is.EqualTo("1336"));
            Assert.That(report["Rundl"]!.ProviderReference, Is.EqualTo("30799601"));
            Assert.That(report["Scout"]!.Message, Does.Contain("Posted 3 checkout(s)"));
            Assert.That(server.Requests().Select(r => r.Path), Is.EquivalentTo(new[] { "/v4/purchases", "/ingest", "/ingest", "/ingest", "/api/checkouts" }));
        });
    }

    private static ServiceProvider BuildAllFive(WireMockServer server, TestClock clock, ConcurrencyBarrier? barrier = null) =>
        Sdk.Build(
            clock,
            sdk => sdk
                .AddKit(o => { Sdk.PointAt(o, server); o.AccessToken = Sdk.KitToken; })
                .AddScout(o => { Sdk.PointAt(o, server); o.ApiKey = Sdk.ScoutKey; })
                .AddRundl(o => { Sdk.PointAt(o, server); o.BaseAddress = new Uri(server.Url + "/api"); o.AccessToken = Sdk.RundlToken; })
                .AddDrip(o => { Sdk.PointAt(o, server); o.AccountId = Sdk.DripAccount; o.ApiKey = Sdk.DripKey; })
                .AddElasticPath(o => { Sdk.PointAt(o, server); o.ClientId = Sdk.ElasticPathClientId; o.ClientSecret = Sdk.ElasticPathSecret; }),
            services =>
            {
                if (barrier is not null)
                {
                    services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(barrier.CreateHandler));
                }
            });

    private static void StubAllFive(WireMockServer server)
    {
        KitStubs.CreateAnswers201(server);
        server.Given(Request.Create().WithPath("/ingest").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(Seed.Read("Scout/ingest.response.json")));
        server.Given(Request.Create().WithPath("/api/checkouts").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(Seed.Read("Rundl/create-checkout.response.json")));
        server.Given(Request.Create().WithPath("/v2/9999999/subscribers/*/purchases").UsingPost()).RespondWith(Response.Create().WithStatusCode(201).WithBody("{}"));
        PurchaseSdk.Tests.ElasticPath.ElasticPathStubs.IssueTokens(server, "ep-token-1");
        PurchaseSdk.Tests.ElasticPath.ElasticPathStubs.CheckoutAnswers(server);
    }

    private static Purchase PurchaseForAllFive(bool withScout = true)
    {
        var purchase = PurchaseSdk.Tests.ElasticPath.ElasticPathStubs.AccountPurchase("order-5");
        if (withScout)
        {
            purchase.Contexts.Add(new PurchaseSdk.Scout.ScoutUserContext(1, "user-token"));
        }

        purchase.Contexts.Add(new PurchaseSdk.Rundl.RundlCheckoutContext { AccountId = 17357980, ServiceId = 30798101, ProductId = 30798131 });
        return purchase;
    }

    [Test]
    public async Task One_purchase_reaches_all_five_providers_in_parallel()
    {
        using var server = WireMockServer.Start();
        StubAllFive(server);
        // Kit, Scout, Rundl, Drip and Elastic Path's token request: five calls in flight at once.
        var barrier = new ConcurrencyBarrier(5);
        await using var provider = BuildAllFive(server, new TestClock(), barrier);

        var report = await provider.GetRequiredService<IPurchaseReporter>().ReportAsync(PurchaseForAllFive());

        Assert.Multiple(() =>
        {
            Assert.That(report.Outcomes.Select(o => o.Provider), Is.EquivalentTo(new[] { "Kit", "Scout", "Rundl", "Drip", "ElasticPath" }));
            Assert.That(report.Outcomes.Select(o => o.Status), Is.All.EqualTo(ProviderOutcomeStatus.Succeeded), report.ToString());
            Assert.That(report["ElasticPath"]!.ProviderReference, Is.EqualTo("74b48ecb-8599-4c63-85a8-09cb9bb7ee39"));
            Assert.That(report.Succeeded, Is.True);
        });
    }

    [Test]
    public async Task A_missing_context_skips_only_that_provider()
    {
        using var server = WireMockServer.Start();
        StubAllFive(server);
        await using var provider = BuildAllFive(server, new TestClock());

        var report = await provider.GetRequiredService<IPurchaseReporter>().ReportAsync(PurchaseForAllFive(withScout: false));

        Assert.Multiple(() =>
        {
            Assert.That(report["Scout"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Skipped));
            Assert.That(report["Scout"]!.Message, Does.Contain("ScoutUserContext"));
            Assert.That(report.Outcomes.Where(o => o.Provider != "Scout").Select(o => o.Status), Is.All.EqualTo(ProviderOutcomeStatus.Succeeded), report.ToString());
            Assert.That(server.Requests().Any(r => r.Path == "/ingest"), Is.False);
        });
    }
}
