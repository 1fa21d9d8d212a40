using PurchaseSdk.ElasticPath;
using PurchaseSdk.Http;
using PurchaseSdk.Kit;

namespace PurchaseSdk.Tests.Misbehaving;

/// <summary>
/// Issue #10, defect 12: the circuit breaker counts provider outages only. Local failures (a Kit refresh callback
/// that throws) and token-endpoint failures (an unreadable Elastic Path token) are not outages of the provider's API:
/// after twenty of them a healthy call must still go out.
/// </summary>
/// <remarks>
/// The breaker is set so that, were it to open, it would stay open for the whole test (an hour of sampling and of
/// break), and nothing is retried, so each call is exactly one failure.
/// </remarks>
public sealed class CircuitBreakerTests : MisbehavingTest
{
    private static void Breaker(PurchaseProviderOptions o)
    {
        o.Resilience.MaxRetries = 0;
        o.Resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromHours(1);
        o.Resilience.CircuitBreaker.BreakDuration = TimeSpan.FromHours(1);
    }

    /// <summary>Whether the local or token-endpoint failure of a test has been healed.</summary>
    private bool _healthy;

    private bool Healthy => Volatile.Read(ref _healthy);

    [SetUp]
    public void Ail() => Volatile.Write(ref _healthy, false);

    /// <summary>Twenty reports that fail (<paramref name="because"/>), then the failure heals: the next create must go out and succeed.</summary>
    private async Task TwentyFailuresThenAHealthyCallAsync(ServiceProvider sdk, Func<Purchase> purchase, string provider, string create, string because)
    {
        for (var i = 0; i < 20; i++)
        {
            var failed = await ReportAsync(sdk, purchase(), provider);
            Assert.That(failed.Status, Is.Not.EqualTo(ProviderOutcomeStatus.Succeeded), because);
        }

        Volatile.Write(ref _healthy, true);
        var outcome = await ReportAsync(sdk, purchase(), provider);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), Describe(outcome));
            Assert.That(Server.CountOf("POST", create), Is.EqualTo(1), "the healthy call went out");
        });
    }

    [Test]
    public async Task Twenty_throwing_Kit_refresh_callbacks_do_not_open_the_circuit()
    {
        Server.On("POST", Routes.KitPurchases, Reply.Status(201, Answers.KitCreated));
        var sdk = Track(LoopbackSdk.Build<KitOptions>(Server.Url, Clock, o =>
        {
            Breaker(o);
            o.AccessToken = null;
            o.RefreshAccessToken = _ => Healthy ? Task.FromResult("fresh-kit-token") : throw new InvalidOperationException("The token vault is unreachable.");
        }));

        await TwentyFailuresThenAHealthyCallAsync(sdk, Purchases.KitSeed, "Kit", Routes.KitPurchases, "the callback throws");
    }

    [Test]
    public async Task Twenty_unreadable_Elastic_Path_tokens_do_not_open_the_checkout_circuit()
    {
        Server.On("POST", Routes.ElasticPathToken, (_, _) => Healthy
            ? Reply.Status(200, Answers.ElasticPathToken())
            : Reply.Status(200, "<html>Login page</html>", "text/html"));
        Server.On("POST", Routes.ElasticPathCheckout, Reply.Status(201, Answers.ElasticPathOrder()));
        Server.On("GET", Routes.ElasticPathOrders, Reply.Status(200, Answers.ElasticPathOrders()));
        var sdk = Track(LoopbackSdk.Build<ElasticPathOptions>(Server.Url, Clock, Breaker));

        await TwentyFailuresThenAHealthyCallAsync(sdk, () => Purchases.ElasticPathAccount(), "ElasticPath", Routes.ElasticPathCheckout, "the token cannot be read");
    }
}
