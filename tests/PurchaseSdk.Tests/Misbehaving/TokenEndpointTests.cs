using PurchaseSdk.ElasticPath;

namespace PurchaseSdk.Tests.Misbehaving;

/// <summary>
/// Issue #10, defect 3: when Elastic Path's token endpoint fails (an error, garbage, a stalled body, an absurd or
/// unreadable lifetime) no checkout can be sent, so the outcome is Failed and <i>not processed</i>, the server sees
/// no checkout at all, and no <see cref="ArgumentOutOfRangeException"/> surfaces anywhere.
/// </summary>
public sealed class TokenEndpointTests : MisbehavingTest
{

    private static IEnumerable<TestCaseData> BrokenTokenAnswers()
    {
        yield return new TestCaseData(500, """{"errors":[{"status":500,"title":"Internal Server Error"}]}""").SetName("Token endpoint answers 500");
        yield return new TestCaseData(200, "<html><body>Gateway says hello</body></html>").SetName("Token endpoint answers garbage");
        yield return new TestCaseData(200, """{"access_token":"ep-token-1","token_type":"Bearer","expires_in":1e30}""").SetName("expires_in 1e30");
        yield return new TestCaseData(200, """{"access_token":"ep-token-1","token_type":"Bearer","expires_in":9223372036854775807}""").SetName("expires_in long.MaxValue");
        yield return new TestCaseData(200, """{"access_token":"ep-token-1","token_type":"Bearer","expires_in":-5}""").SetName("expires_in -5");
        yield return new TestCaseData(200, """{"access_token":"ep-token-1","token_type":"Bearer","expires":"tomorrow"}""").SetName("expires unparsable");
        yield return new TestCaseData(200, """{"access_token":"ep-token-1","token_type":"Bearer","expires":9223372036854775807}""").SetName("expires huge");
    }

    private static void AssertNotProcessedAndNoRangeError(ProviderOutcome outcome)
    {
        Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed), Describe(outcome));
        Assert.That((outcome.Error as ProviderRequestException)?.FailureKind, Is.EqualTo(ProviderFailureKind.NotProcessed), Describe(outcome));
        Assert.That(Chain(outcome.Error).OfType<ArgumentOutOfRangeException>(), Is.Empty, Describe(outcome));
        Assert.That(outcome.ToString(), Does.Not.Contain(nameof(ArgumentOutOfRangeException)));
    }

    [TestCaseSource(nameof(BrokenTokenAnswers))]
    public async Task A_broken_token_answer_fails_the_checkout_as_not_processed_without_sending_it(int status, string body)
    {
        Server.On("POST", Routes.ElasticPathToken, Reply.Status(status, body, body.StartsWith('<') ? "text/html" : "application/json"));
        Server.On("POST", Routes.ElasticPathCheckout, Reply.Status(201, Answers.ElasticPathOrder()));
        Server.On("GET", Routes.ElasticPathOrders, Reply.Status(200, Answers.ElasticPathOrders()));
        var sdk = Track(LoopbackSdk.Build<ElasticPathOptions>(Server.Url, Clock));

        var outcome = await ReportAsync(sdk, Purchases.ElasticPathAccount(), "ElasticPath");

        Assert.Multiple(() =>
        {
            AssertNotProcessedAndNoRangeError(outcome);
            Assert.That(Server.CountOf("POST", Routes.ElasticPathCheckout), Is.Zero, "no usable token, so no checkout may be sent");
            Assert.That(Server.CountOf("POST", Routes.ElasticPathToken), Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task A_token_answer_whose_body_stalls_ends_at_the_total_timeout_as_not_processed()
    {
        var total = TimeSpan.FromSeconds(3);
        Server.On("POST", Routes.ElasticPathToken, Reply.HeadersThenStall(200, """{"access_token":"ep-tok"""));
        Server.On("POST", Routes.ElasticPathCheckout, Reply.Status(201, Answers.ElasticPathOrder()));
        Server.On("GET", Routes.ElasticPathOrders, Reply.Status(200, Answers.ElasticPathOrders()));
        var sdk = Track(LoopbackSdk.Build<ElasticPathOptions>(Server.Url, Clock, o => Timeouts(o, TimeSpan.FromSeconds(2), total)));
        using var probe = new HttpClientProbe(Server.Port);

        var report = sdk.ReportAsync(Clock, Purchases.ElasticPathAccount());
        await Within(Task.WhenAny(probe.HeadersReceived(1), report), "the token answer's headers never reached the SDK");
        Clock.Advance(total);

        var outcome = (await Within(report, "ReportAsync did not end after the 3 s total timeout passed while the token answer's body stalled")).Of("ElasticPath");
        Assert.Multiple(() =>
        {
            AssertNotProcessedAndNoRangeError(outcome);
            Assert.That(Server.CountOf("POST", Routes.ElasticPathCheckout), Is.Zero);
        });
    }
}
