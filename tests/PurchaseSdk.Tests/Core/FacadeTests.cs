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
}
