using PurchaseSdk.ElasticPath;
using PurchaseSdk.Http;
using PurchaseSdk.Kit;
using PurchaseSdk.Tests.Support;

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

    [Test]
    public async Task Twenty_throwing_Kit_refresh_callbacks_do_not_open_the_circuit()
    {
        var healthy = false;
        Server.On("POST", "/v4/purchases", Reply.Status(201, Answers.KitCreated));
        var sdk = Track(LoopbackSdk.Build<KitOptions>(Server.Url, Clock, o =>
        {
            Breaker(o);
            o.AccessToken = null;
            o.RefreshAccessToken = _ => Volatile.Read(ref healthy) ? Task.FromResult("fresh-kit-token") : throw new InvalidOperationException("The token vault is unreachable.");
        }));

        for (var i = 0; i < 20; i++)
        {
            var failed = await ReportAsync(sdk, Purchases.KitSeed(), "Kit");
            Assert.That(failed.Status, Is.Not.EqualTo(ProviderOutcomeStatus.Succeeded), "the callback throws");
        }

        Volatile.Write(ref healthy, true);
        var outcome = await ReportAsync(sdk, Purchases.KitSeed(), "Kit");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), Describe(outcome));
            Assert.That(Server.CountOf("POST", "/v4/purchases"), Is.EqualTo(1), "the healthy call went out");
        });
    }

    [Test]
    public async Task Twenty_unreadable_Elastic_Path_tokens_do_not_open_the_checkout_circuit()
    {
        var healthy = false;
        Server.On("POST", "/oauth/access_token", (_, _) => Volatile.Read(ref healthy)
            ? Reply.Status(200, Answers.ElasticPathToken())
            : Reply.Status(200, "<html>Login page</html>", "text/html"));
        Server.On("POST", "/v2/carts/cart-1/checkout", Reply.Status(201, Answers.ElasticPathOrder()));
        Server.On("GET", "/v2/orders", Reply.Status(200, Answers.ElasticPathOrders()));
        var sdk = Track(LoopbackSdk.Build<ElasticPathOptions>(Server.Url, Clock, Breaker));

        for (var i = 0; i < 20; i++)
        {
            var failed = await ReportAsync(sdk, Purchases.ElasticPathAccount(), "ElasticPath");
            Assert.That(failed.Status, Is.Not.EqualTo(ProviderOutcomeStatus.Succeeded), "the token cannot be read");
        }

        Volatile.Write(ref healthy, true);
        var outcome = await ReportAsync(sdk, Purchases.ElasticPathAccount(), "ElasticPath");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), Describe(outcome));
            Assert.That(Server.CountOf("POST", "/v2/carts/cart-1/checkout"), Is.EqualTo(1), "the healthy checkout went out");
        });
    }
}
