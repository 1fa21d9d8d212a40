using PurchaseSdk.Scout;
using PurchaseSdk.Tests.Kit;
using PurchaseSdk.Tests.Reliability;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Core;

/// <summary>The facade with several real providers registered: one purchase reaches all of them, in parallel.</summary>
public sealed class FacadeTests : SandboxTest
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

        public void AddTo(IServiceCollection services) =>
            services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new Handler(this)));

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
        server.Given(Request.Create().WithPath("/ingest").UsingPost()).RespondWith(Respond.Seed(200, "Scout/ingest.response.json"));
        server.Given(Request.Create().WithPath("/api/checkouts").UsingPost()).RespondWith(Respond.Seed(200, "Rundl/create-checkout.response.json"));
        var barrier = new ConcurrencyBarrier(3);
        await using var sdk = Sdk.Build(
            Clock,
            builder =>
            {
                foreach (var provider in new[] { "Kit", "Scout", "Rundl" }.Select(ProviderCase.Named))
                {
                    provider.AddTo(builder, o =>
                    {
                        Sdk.UseTestResilience(o);
                        provider.PointAt(o, server.Uri());
                    });
                }
            },
            barrier.AddTo);
        var purchase = Purchases.KitSeed();
        purchase.Contexts.Add(new ScoutUserContext(1, "user-token"));
        purchase.Contexts.Add(new PurchaseSdk.Rundl.RundlCheckoutContext { AccountId = 17357980, ServiceId = 30798101, ProductId = 30798131 });

        var report = await sdk.ReportAsync(Clock, purchase);

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

    [Test]
    public async Task One_purchase_reaches_every_provider_in_parallel()
    {
        // The first call of every provider (Elastic Path's is its token request) is in flight at once.
        var barrier = new ConcurrencyBarrier(ProviderCase.All.Count);
        await using var sdk = BuildWithSandbox(services: barrier.AddTo);

        var report = await sdk.ReportAsync(Clock, WithSandboxContexts(Purchases.Simple("order-5")));

        Assert.Multiple(() =>
        {
            Assert.That(report.Outcomes.Select(o => o.Provider), Is.EquivalentTo(ProviderCase.All.Select(p => p.Name)));
            Assert.That(report.Outcomes.Select(o => o.Status), Is.All.EqualTo(ProviderOutcomeStatus.Succeeded), report.ToString());
            Assert.That(report["ElasticPath"]!.ProviderReference, Is.EqualTo((string?)Sandbox.ElasticPath.Records.Single()["id"]));
            Assert.That(report.Succeeded, Is.True);
        });
    }

    [Test]
    public async Task A_missing_context_skips_only_that_provider()
    {
        await using var sdk = BuildWithSandbox();
        var purchase = Purchases.Simple("order-5");
        foreach (var context in Sandbox.CreateContexts().Where(c => c is not ScoutUserContext))
        {
            purchase.Contexts.Add(context);
        }

        var report = await sdk.ReportAsync(Clock, purchase);

        Assert.Multiple(() =>
        {
            Assert.That(report["Scout"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Skipped));
            Assert.That(report["Scout"]!.Message, Does.Contain(nameof(ScoutUserContext)));
            Assert.That(report.Outcomes.Where(o => o.Provider != "Scout").Select(o => o.Status), Is.All.EqualTo(ProviderOutcomeStatus.Succeeded), report.ToString());
            Assert.That(report.Outcomes, Has.Count.EqualTo(ProviderCase.All.Count));
            Assert.That(Sandbox.Scout.Requests, Is.Empty);
        });
    }
}
