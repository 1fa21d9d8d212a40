using PurchaseSdk.ElasticPath;
using PurchaseSdk.Scout;

namespace PurchaseSdk.Tests.Misbehaving.SocketPath;

/// <summary>
/// Issue #10, defect 10: <c>TotalTimeout</c> bounds the whole provider outcome, not each request. Scout posts one
/// checkout per unit and Elastic Path asks for a token before it checks out; when those requests are each slow
/// (but each within the attempt timeout) the provider's part must still end at <c>TotalTimeout</c>, not at a
/// multiple of it. The loopback server holds each answer until the test has moved the clock.
/// </summary>
public sealed class WholeCallDeadlineTests : MisbehavingTest
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(3);

    [Test]
    public async Task Three_slow_Scout_checkouts_end_at_one_total_timeout()
    {
        var released = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        Server.On("POST", Routes.ScoutIngest, [.. released.Select(r => Reply.After(r.Task, Reply.Status(200, Answers.ScoutAccepted)))]);
        var sdk = Track(LoopbackSdk.Build<ScoutOptions>(Server.Url, Clock, o => Timeouts(o, AttemptTimeout, TotalTimeout)));
        var purchase = new Purchase
        {
            OrderId = "scout-3-units",
            Currency = "USD",
            OccurredAt = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero),
            Lines = [new PurchaseLine { Name = "Sneaker", Sku = "SK-1", Quantity = 3, UnitPrice = 50m }],
            Contexts = { new ScoutUserContext(1, "scout-user-token") },
        };

        var report = sdk.ReportAsync(Clock, purchase);
        for (var post = 1; post <= 3; post++)
        {
            await Within(Task.WhenAny(Server.Arrival("POST", Routes.ScoutIngest, post), report), $"checkout {post} never arrived");
            if (report.IsCompleted)
            {
                break;
            }

            // Each checkout takes 3 s (within the 4 s attempt timeout); after two of them the 6 s total has passed.
            Clock.Advance(Slow);
            if (Clock.GetUtcNow() - Clock.Start >= TotalTimeout)
            {
                break;
            }

            released[post - 1].SetResult();
        }

        var outcome = (await Within(report, $"ReportAsync did not end once the Scout call had taken its {TotalTimeout.TotalSeconds:0} s total timeout: each checkout got a deadline of its own")).Of("Scout");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate), "the second checkout was on the wire when time ran out: " + Describe(outcome));
            Assert.That(outcome.Elapsed, Is.LessThanOrEqualTo(TotalTimeout));
            Assert.That(Server.CountOf("POST", Routes.ScoutIngest), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_slow_Elastic_Path_token_and_a_slow_checkout_end_at_one_total_timeout()
    {
        var tokenReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.On("POST", Routes.ElasticPathToken, Reply.After(tokenReleased.Task, Reply.Status(200, Answers.ElasticPathToken())));
        Server.On("POST", Routes.ElasticPathCheckout, Reply.NoAnswer());
        Server.On("GET", Routes.ElasticPathOrders, Reply.Status(200, Answers.ElasticPathOrders()));
        var sdk = Track(LoopbackSdk.Build<ElasticPathOptions>(Server.Url, Clock, o => Timeouts(o, AttemptTimeout, TotalTimeout)));

        var report = sdk.ReportAsync(Clock, Purchases.ElasticPathAccount());
        await Within(Task.WhenAny(Server.Arrival("POST", Routes.ElasticPathToken), report), "the token request never arrived");
        Clock.Advance(Slow);
        tokenReleased.SetResult();
        await Within(Task.WhenAny(Server.Arrival("POST", Routes.ElasticPathCheckout), report), "the checkout never arrived");
        Clock.Advance(Slow);

        var outcome = (await Within(report, $"ReportAsync did not end once the Elastic Path call had taken its {TotalTimeout.TotalSeconds:0} s total timeout (3 s token + 3 s checkout)")).Of("ElasticPath");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate), "the checkout was on the wire when time ran out: " + Describe(outcome));
            Assert.That(outcome.Elapsed, Is.LessThanOrEqualTo(TotalTimeout));
            Assert.That(Server.CountOf("POST", Routes.ElasticPathCheckout), Is.EqualTo(1));
        });
    }
}
