using System.Net;
using PurchaseSdk.Http;
using PurchaseSdk.Testing;

namespace PurchaseSdk.Tests.Reliability;

/// <summary>
/// Every fault, for every provider, against the sandbox (DESIGN.md §5 and issue 6): what is retried, what waits,
/// what fails fast, what is checked instead of re-sent, and that a record is never duplicated. Time is the test clock;
/// nothing sleeps.
/// </summary>
[TestFixtureSource(typeof(ProviderCase), nameof(ProviderCase.All))]
public sealed class FaultSuiteTests(ProviderCase provider) : SandboxTest
{
    private SandboxProvider Emulated => provider.In(Sandbox);

    private ServiceProvider Build(Action<PurchaseProviderOptions>? configure = null) =>
        Sdk.Build(Clock, sdk => provider.AddTo(sdk, o =>
        {
            Sdk.UseTestResilience(o);
            configure?.Invoke(o);
        }).UsePurchaseSandbox(Sandbox));

    private Purchase OneUnitPurchase(string orderId = "fault-1") => WithSandboxContexts(new Purchase
    {
        OrderId = orderId,
        Customer = new Customer { Name = "Ada Buyer", Email = "ada@example.com" },
        Currency = "USD",
        OccurredAt = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero),
        Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "765432", UnitPrice = 49m }],
    });

    private Task<ProviderOutcome> ReportAsync(ServiceProvider services) => services.ReportAsync(Clock, OneUnitPurchase(), provider.Name);

    /// <summary>
    /// The provider answers its next <paramref name="times"/> requests with <paramref name="fault"/>; one purchase is
    /// reported through a fresh SDK (<paramref name="configure"/> on the provider's options): the provider's outcome.
    /// </summary>
    private async Task<ProviderOutcome> ReportWithFaultAsync(SandboxFault fault, int times = 1, Action<PurchaseProviderOptions>? configure = null)
    {
        Emulated.FailNext(times, fault);
        await using var services = Build(configure);
        return await ReportAsync(services);
    }

    [Test]
    public async Task Two_503s_then_success_record_once_in_three_attempts()
    {
        var outcome = await ReportWithFaultAsync(SandboxFault.Status(503), times: 2);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(3));
            Assert.That(Emulated.RecordCount, Is.EqualTo(1));
            Assert.That(Clock.Waited, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task A_429_with_Retry_After_2_s_waits_exactly_2_s_of_fake_time()
    {
        var outcome = await ReportWithFaultAsync(SandboxFault.TooManyRequests(TimeSpan.FromSeconds(2)));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(Clock.Waited, Is.EqualTo(new[] { TimeSpan.FromSeconds(2) }));
            Assert.That(outcome.Attempts, Is.EqualTo(2));
            Assert.That(Emulated.RecordCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_Retry_After_beyond_the_remaining_budget_fails_fast_with_RetryAfter_set()
    {
        var outcome = await ReportWithFaultAsync(SandboxFault.TooManyRequests(TimeSpan.FromHours(3)), configure: o => o.Resilience.MaxRetryAfter = TimeSpan.FromHours(4));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.RetryAfter, Is.EqualTo(TimeSpan.FromHours(3)));
            Assert.That(outcome.Attempts, Is.EqualTo(1));
            Assert.That(Clock.Waited, Is.Empty, "the 2 h total timeout leaves no room for a 3 h wait");
            Assert.That(Emulated.RecordCount, Is.Zero);
        });
    }

    [Test]
    public async Task Accepted_then_failed_leaves_exactly_one_record()
    {
        var outcome = await ReportWithFaultAsync(SandboxFault.AcceptThenFail(500));

        Assert.That(Emulated.RecordCount, Is.EqualTo(1), "never a second record");
        if (provider.CanCheckForARecord)
        {
            Assert.Multiple(() =>
            {
                Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
                Assert.That(outcome.Message, Does.Contain("had recorded it, so it was not sent again"));
                Assert.That(outcome.ProviderReference, Is.Not.Null, "the reference of the record found");
            });
        }
        else
        {
            Assert.Multiple(() =>
            {
                Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate));
                Assert.That(outcome.Attempts, Is.EqualTo(1), "not re-sent blindly");
                Assert.That(((ProviderRequestException)outcome.Error!).FailureKind, Is.EqualTo(ProviderFailureKind.MaybeProcessed));
            });
        }
    }

    [Test]
    public async Task An_attempt_timeout_on_a_create_is_never_followed_by_a_blind_resend()
    {
        // The provider stores the record at once but answers after 45 s; the attempt timeout is 10 s.
        var slow = TimeSpan.FromSeconds(45);
        Clock.Skips = due => due == slow || due < TimeSpan.FromSeconds(5);

        var outcome = await ReportWithFaultAsync(SandboxFault.Slow(slow), configure: o => o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(Emulated.RecordCount, Is.EqualTo(1));
            Assert.That(outcome.Status, Is.EqualTo(provider.CanCheckForARecord ? ProviderOutcomeStatus.Succeeded : ProviderOutcomeStatus.Indeterminate), outcome.Message);
            Assert.That(outcome.Message, provider.CanCheckForARecord ? Does.Contain("had recorded it") : Does.Contain("did not answer in time"));
        });
    }

    [Test]
    public async Task A_connection_dropped_before_the_answer_is_checked_or_indeterminate()
    {
        var outcome = await ReportWithFaultAsync(SandboxFault.DropConnection());

        if (provider.CanCheckForARecord)
        {
            Assert.Multiple(() =>
            {
                Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
                Assert.That(outcome.Message, Does.Contain("checked to have no record"));
                Assert.That(Emulated.RecordCount, Is.EqualTo(1), "created once, after the check found nothing");
            });
        }
        else
        {
            Assert.Multiple(() =>
            {
                Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate), outcome.Message);
                Assert.That(((ProviderRequestException)outcome.Error!).StatusCode, Is.Null);
                Assert.That(outcome.Attempts, Is.EqualTo(1));
                Assert.That(Emulated.RecordCount, Is.Zero);
            });
        }
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(422)]
    public async Task A_permanent_refusal_is_sent_once_with_its_details(int status)
    {
        var outcome = await ReportWithFaultAsync(SandboxFault.Status(status));

        if (status == 401 && provider.RenewsTokenAfter401)
        {
            // Elastic Path's 401 renews the token once and repeats the call (providers.md §5.2).
            Assert.Multiple(() =>
            {
                Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
                Assert.That(outcome.Attempts, Is.EqualTo(2));
            });
            return;
        }

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Attempts, Is.EqualTo(1));
            Assert.That(error.StatusCode, Is.EqualTo((HttpStatusCode)status));
            Assert.That(error.FailureKind, Is.EqualTo(ProviderFailureKind.Permanent));
            Assert.That(error.ProviderMessages, Is.Not.Empty);
            Assert.That(error.Message, Does.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(Emulated.RecordCount, Is.Zero);
        });
    }

    [Test]
    public async Task The_circuit_opens_after_repeated_failures_and_closes_after_the_break_without_touching_the_others()
    {
        Emulated.FailNext(2, SandboxFault.Status(503));
        await using var services = BuildWithSandbox(o =>
        {
            o.Resilience.MaxRetries = 0;
            o.Resilience.CircuitBreaker.MinimumThroughput = 2;
            o.Resilience.CircuitBreaker.FailureRatio = 0.5;
            o.Resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(15);
        });
        var reporter = services.GetRequiredService<IPurchaseReporter>();

        await reporter.ReportAsync(OneUnitPurchase("cb-1"));
        await reporter.ReportAsync(OneUnitPurchase("cb-2"));
        var requestsBefore = Emulated.Requests.Count;
        var open = await reporter.ReportAsync(OneUnitPurchase("cb-3"));
        var refusedRequests = Emulated.Requests.Count - requestsBefore;
        Clock.Advance(TimeSpan.FromSeconds(16));
        var afterBreak = await reporter.ReportAsync(OneUnitPurchase("cb-4"));

        Assert.Multiple(() =>
        {
            Assert.That(open[provider.Name]!.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(open[provider.Name]!.Message, Does.Contain("circuit breaker is open"));
            Assert.That(open[provider.Name]!.Attempts, Is.Zero);
            Assert.That(refusedRequests, Is.Zero, "nothing was sent while the circuit was open");
            Assert.That(open.Outcomes.Where(o => o.Provider != provider.Name).Select(o => o.Status), Is.All.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(afterBreak[provider.Name]!.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), afterBreak[provider.Name]!.Message);
        });
    }

    [Test]
    public async Task A_success_answer_with_malformed_json_is_a_clear_error_or_resolved_by_a_check()
    {
        var outcome = await ReportWithFaultAsync(SandboxFault.MalformedAnswer());

        Assert.That(Emulated.RecordCount, Is.EqualTo(1), "the provider processed it; it is never sent twice");
        if (!provider.ReadsCreateAnswer)
        {
            // Drip answers 201 {} and the SDK does not read that body.
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            return;
        }

        if (provider.CanCheckForARecord)
        {
            Assert.Multiple(() =>
            {
                Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
                Assert.That(outcome.Message, Does.Contain("had recorded it"));
            });
            return;
        }

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate));
            Assert.That(error.Message, Does.Contain("the answer could not be read"));
            Assert.That(error.ResponseExcerpt, Is.Not.Null.And.Length.LessThan(300));
            Assert.That(error.FailureKind, Is.EqualTo(ProviderFailureKind.MaybeProcessed));
        });
    }

    [Test]
    public async Task An_HTML_error_page_is_a_clear_error_with_a_truncated_excerpt()
    {
        var outcome = await ReportWithFaultAsync(SandboxFault.HtmlErrorPage(502));

        if (provider.CanCheckForARecord)
        {
            Assert.Multiple(() =>
            {
                Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
                Assert.That(Emulated.RecordCount, Is.EqualTo(1));
            });
            return;
        }

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(error.Message, Does.Contain("text/html"));
            Assert.That(error.ResponseExcerpt, Does.StartWith("<!DOCTYPE html>").And.EndWith("…(truncated)"));
            Assert.That(error.ResponseExcerpt!.Length, Is.LessThan(300));
            Assert.That(error.ProviderMessages, Is.Empty);
        });
    }

    [Test]
    public async Task Cancelling_stops_the_in_flight_call_and_the_report_throws()
    {
        var hour = TimeSpan.FromHours(1);
        Emulated.FailNext(1, SandboxFault.Slow(hour));
        await using var services = Build();
        using var cancellation = new CancellationTokenSource();
        var serverHolding = Clock.WaitForTimerAsync(hour);
        var report = services.GetRequiredService<IPurchaseReporter>().ReportAsync(OneUnitPurchase(), cancellation.Token);
        await serverHolding.WaitAsync(TimeSpan.FromSeconds(20));

        await cancellation.CancelAsync();

        Assert.That(async () => await report.WaitAsync(TimeSpan.FromSeconds(20)), Throws.InstanceOf<OperationCanceledException>());
    }
}
