using System.Globalization;
using PurchaseSdk.Drip;

namespace PurchaseSdk.Tests.Misbehaving;

/// <summary>
/// Issue #10, defect 5: Drip's 429 with <c>X-RateLimit-Remaining: 0</c> means the hourly budget is spent, so the call
/// fails at once (Failed, not processed, <c>RetryAfter</c> set) even when <c>X-RateLimit-Reset</c> is out of range
/// (milliseconds instead of seconds, a huge negative): exactly one create and no look-up reach the server.
/// </summary>
public sealed class DripRateLimitTests : MisbehavingTest
{

    private static IEnumerable<TestCaseData> OutOfRangeResets()
    {
        // The test clock's now + 1 h, in milliseconds: 1796043600000.
        yield return new TestCaseData(new TestClock().GetUtcNow().AddHours(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).SetName("X-RateLimit-Reset in milliseconds");
        yield return new TestCaseData("-9000000000000000000").SetName("X-RateLimit-Reset huge negative");
        yield return new TestCaseData("9223372036854775807").SetName("X-RateLimit-Reset long.MaxValue");
    }

    [TestCaseSource(nameof(OutOfRangeResets))]
    public async Task A_spent_budget_with_an_out_of_range_reset_fails_at_once_as_not_processed(string reset)
    {
        Server.On("POST", Routes.DripSubscribers, Reply.Status(429, """{"errors":[{"code":"too_many_requests","message":"API rate limit exceeded"}]}""", "application/json",
            ("X-RateLimit-Limit", "3600"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)));
        Server.On("GET", Routes.DripSubscribers, Reply.Status(200, Answers.DripPurchases()));
        var sdk = Track(LoopbackSdk.Build<DripOptions>(Server.Url, Clock));

        var outcome = await ReportAsync(sdk, Purchases.DripSeed(), "Drip");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed), Describe(outcome));
            Assert.That((outcome.Error as ProviderRequestException)?.FailureKind, Is.EqualTo(ProviderFailureKind.NotProcessed), Describe(outcome));
            Assert.That(outcome.RetryAfter, Is.Not.Null.And.GreaterThan(TimeSpan.Zero), Describe(outcome));
            Assert.That(Chain(outcome.Error).OfType<ArgumentOutOfRangeException>(), Is.Empty, Describe(outcome));
            Assert.That(Server.CountOf("POST", Routes.DripSubscribers), Is.EqualTo(1), "the budget is spent: no retry");
            Assert.That(Server.CountOf("GET", Routes.DripSubscribers), Is.Zero, "a refused create needs no look-up");
            Assert.That(Clock.Waited, Is.Empty);
        });
    }
}
