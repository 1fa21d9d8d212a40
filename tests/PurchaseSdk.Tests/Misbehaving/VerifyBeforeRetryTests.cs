using PurchaseSdk.Drip;
using PurchaseSdk.ElasticPath;

namespace PurchaseSdk.Tests.Misbehaving;

/// <summary>
/// Issue #10, defect 9: verify-before-retry can duplicate. The provider takes longer than the attempt timeout to
/// process a create and records it only afterwards, so the look-up that follows at once finds nothing while a later
/// one would. The look-up must be repeated, with backoff, within the deadline, and find the record: Succeeded with
/// exactly ONE create at the server. And when the sequence ends without certainty after an ambiguous create, the
/// outcome is Indeterminate, never Failed.
/// </summary>
/// <remarks>
/// The test clock skips every wait shorter than the attempt timeout (backoff is 1 s, at most 4 s); the attempt
/// timeout fires only when the test moves the clock, after the create reached the server.
/// </remarks>
public sealed class VerifyBeforeRetryTests : MisbehavingTest
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    private const string DripOrderId = "123456";

    private static void Resilience(PurchaseSdk.Http.PurchaseProviderOptions o)
    {
        Timeouts(o, AttemptTimeout, TimeSpan.FromMinutes(2));
        o.Resilience.BaseDelay = TimeSpan.FromSeconds(1);
        o.Resilience.MaxDelay = TimeSpan.FromSeconds(4);
        o.Resilience.MaxRetries = 3;
    }

    [SetUp]
    public void SkipWaitsShorterThanTheAttemptTimeout() => Clock.Skips = static due => due < AttemptTimeout;

    /// <summary>
    /// Reports <paramref name="purchase"/>, lets the first create reach the server and times its attempt out: the
    /// repeated look-ups at <paramref name="lookUp"/> find the record, so Succeeded with <paramref name="reference"/>
    /// and exactly one create.
    /// </summary>
    private async Task ASlowFirstCreateIsFoundNotRepeatedAsync(IServiceProvider sdk, Purchase purchase, string provider, string create, string lookUp, string reference)
    {
        var report = sdk.ReportAsync(Clock, purchase);
        await Within(Task.WhenAny(Server.Arrival("POST", create, 1), report), "the create never arrived");
        Clock.Advance(AttemptTimeout);
        var outcome = (await Within(report, "ReportAsync did not end")).Of(provider);

        Assert.Multiple(() =>
        {
            Assert.That(Server.CountOf("POST", create), Is.EqualTo(1), "the create was sent twice: " + Describe(outcome));
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), Describe(outcome));
            Assert.That(outcome.ProviderReference, Is.EqualTo(reference));
            Assert.That(Server.CountOf("GET", lookUp), Is.GreaterThanOrEqualTo(2), "looked up again");
        });
    }

    /// <summary>Reports <paramref name="purchase"/> while every create fails ambiguously and no look-up finds it: Indeterminate, never Failed.</summary>
    private async Task AmbiguousCreatesEndIndeterminateAsync(IServiceProvider sdk, Purchase purchase, string provider, string create)
    {
        var outcome = await ReportAsync(sdk, purchase, provider);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate), "every create may have been recorded: " + Describe(outcome));
            Assert.That(Server.CountOf("POST", create), Is.InRange(1, 4), "never more than 1 + MaxRetries creates");
        });
    }

    [Test]
    public async Task Elastic_Path_looks_up_again_until_a_slow_checkout_shows_and_never_checks_out_twice()
    {
        Server.On("POST", Routes.ElasticPathToken, Reply.Status(200, Answers.ElasticPathToken()));
        // The first checkout is still being processed when the attempt times out; any second one would be a duplicate.
        Server.On("POST", Routes.ElasticPathCheckout, Reply.NoAnswer(), Reply.Status(201, Answers.ElasticPathOrder("duplicate-order")));
        // The order is recorded only after the first look-up has been answered.
        Server.On("GET", Routes.ElasticPathOrders, Reply.Status(200, Answers.ElasticPathOrders()), Reply.Status(200, Answers.ElasticPathOrders((Answers.ElasticPathOrderId, "ep-order-1"))));
        var sdk = Track(LoopbackSdk.Build<ElasticPathOptions>(Server.Url, Clock, Resilience));

        await ASlowFirstCreateIsFoundNotRepeatedAsync(sdk, Purchases.ElasticPathAccount("ep-order-1"), "ElasticPath", Routes.ElasticPathCheckout, Routes.ElasticPathOrders, Answers.ElasticPathOrderId);
    }

    [Test]
    public async Task Drip_looks_up_again_until_a_slow_create_shows_and_never_creates_twice()
    {
        Server.On("POST", Routes.DripSubscribers, Reply.NoAnswer(), Reply.Status(201, "{}"));
        Server.On("GET", Routes.DripSubscribers, Reply.Status(200, Answers.DripPurchases()), Reply.Status(200, Answers.DripPurchases(("9999999", DripOrderId))));
        var sdk = Track(LoopbackSdk.Build<DripOptions>(Server.Url, Clock, Resilience));

        await ASlowFirstCreateIsFoundNotRepeatedAsync(sdk, Purchases.DripSeed(), "Drip", Routes.DripSubscribers, Routes.DripSubscribers, "9999999");
    }

    [Test]
    public async Task Elastic_Path_ending_without_certainty_after_ambiguous_checkouts_is_indeterminate()
    {
        Server.On("POST", Routes.ElasticPathToken, Reply.Status(200, Answers.ElasticPathToken()));
        Server.On("POST", Routes.ElasticPathCheckout, Reply.Status(500, """{"errors":[{"status":500,"title":"Internal Server Error"}]}"""));
        Server.On("GET", Routes.ElasticPathOrders, Reply.Status(200, Answers.ElasticPathOrders()));
        var sdk = Track(LoopbackSdk.Build<ElasticPathOptions>(Server.Url, Clock, Resilience));

        await AmbiguousCreatesEndIndeterminateAsync(sdk, Purchases.ElasticPathAccount(), "ElasticPath", Routes.ElasticPathCheckout);
    }

    [Test]
    public async Task Drip_ending_without_certainty_after_ambiguous_creates_is_indeterminate()
    {
        Server.On("POST", Routes.DripSubscribers, Reply.Status(502, "<html>Bad Gateway</html>", "text/html"));
        Server.On("GET", Routes.DripSubscribers, Reply.Status(200, Answers.DripPurchases()));
        var sdk = Track(LoopbackSdk.Build<DripOptions>(Server.Url, Clock, Resilience));

        await AmbiguousCreatesEndIndeterminateAsync(sdk, Purchases.DripSeed(), "Drip", Routes.DripSubscribers);
    }
}
