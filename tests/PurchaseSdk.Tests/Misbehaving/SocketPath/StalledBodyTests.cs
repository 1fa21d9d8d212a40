using PurchaseSdk.Kit;

namespace PurchaseSdk.Tests.Misbehaving.SocketPath;

/// <summary>
/// Issue #10, defect 1: an answer whose headers arrive but whose body stalls or trickles is bounded by no timeout
/// (2xx and error bodies alike). The total timeout (3 s here, on the test clock) must end the call, and so must the
/// caller's cancellation. A real loopback server sends the headers and then stalls; the test acts only once the
/// runtime's HTTP client reports the headers received, so the body read (not the header wait) is what is bounded.
/// </summary>
public sealed class StalledBodyTests : MisbehavingTest
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(3);

    private ServiceProvider Kit() => Track(LoopbackSdk.Build<KitOptions>(Server.Url, Clock, o => Timeouts(o, AttemptTimeout, TotalTimeout)));

    /// <summary>Starts a report, waits until the SDK has the answer's headers, then moves the test clock past the total timeout.</summary>
    private async Task<ProviderOutcome> ReportPastTheDeadlineAsync(ServiceProvider sdk)
    {
        using var probe = new HttpClientProbe(Server.Port);
        var report = sdk.ReportAsync(Clock, Purchases.KitSeed());
        await Within(Task.WhenAny(probe.HeadersReceived(1), report), "the answer's headers never reached the SDK");
        Assert.That(report.IsCompleted, Is.False, "the call ended before the body was read");

        Clock.Advance(TotalTimeout);

        var ended = await Within(report, $"ReportAsync did not end after the {TotalTimeout.TotalSeconds:0} s total timeout passed on the test clock: the stalled body is bounded by no timeout");
        return ended.Of("Kit");
    }

    [Test]
    public async Task A_201_whose_body_stalls_ends_at_the_total_timeout_as_indeterminate()
    {
        Server.On("POST", Routes.KitPurchases, Reply.HeadersThenStall(201, """{"purchase":{"id":13"""));
        var sdk = Kit();

        var outcome = await ReportPastTheDeadlineAsync(sdk);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate), Describe(outcome));
            Assert.That((outcome.Error as ProviderRequestException)?.FailureKind, Is.EqualTo(ProviderFailureKind.MaybeProcessed), Describe(outcome));
            Assert.That(outcome.Elapsed, Is.LessThanOrEqualTo(TotalTimeout));
            Assert.That(Server.CountOf("POST", Routes.KitPurchases), Is.EqualTo(1), "a create that may have been processed is not sent again");
        });
    }

    [TestCase(500, ProviderOutcomeStatus.Indeterminate, ProviderFailureKind.MaybeProcessed)]
    [TestCase(422, ProviderOutcomeStatus.Failed, ProviderFailureKind.Permanent)]
    public async Task An_error_answer_whose_body_stalls_ends_at_the_total_timeout(int status, ProviderOutcomeStatus expected, ProviderFailureKind kind)
    {
        Server.On("POST", Routes.KitPurchases, Reply.HeadersThenStall(status, """{"errors":["Something went wr"""));
        var sdk = Kit();

        var outcome = await ReportPastTheDeadlineAsync(sdk);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(expected), Describe(outcome));
            Assert.That((outcome.Error as ProviderRequestException)?.FailureKind, Is.EqualTo(kind), Describe(outcome));
            Assert.That(Server.CountOf("POST", Routes.KitPurchases), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_201_whose_body_trickles_a_byte_at_a_time_ends_at_the_total_timeout_as_indeterminate()
    {
        var body = """{"purchase":{"id":1336,"transaction_id":"796-92-4892","status":"paid","note":""" + "\"" + new string('x', 4000) + "\"}}";
        Server.On("POST", Routes.KitPurchases, Reply.Trickle(201, body, TimeSpan.FromMilliseconds(20)));
        var sdk = Kit();

        var outcome = await ReportPastTheDeadlineAsync(sdk);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate), Describe(outcome));
            Assert.That((outcome.Error as ProviderRequestException)?.FailureKind, Is.EqualTo(ProviderFailureKind.MaybeProcessed), Describe(outcome));
        });
    }

    [TestCase(201)]
    [TestCase(500)]
    public async Task The_caller_s_cancellation_ends_a_stalled_body_promptly(int status)
    {
        Server.On("POST", Routes.KitPurchases, Reply.HeadersThenStall(status, "{"));
        var sdk = Kit();
        using var probe = new HttpClientProbe(Server.Port);
        using var cancellation = new CancellationTokenSource();

        var report = sdk.GetRequiredService<IPurchaseReporter>().ReportAsync(Purchases.KitSeed(), cancellation.Token);
        await Within(Task.WhenAny(probe.HeadersReceived(1), report), "the answer's headers never reached the SDK");
        await cancellation.CancelAsync();

        await Completes(report, "ReportAsync did not end after the caller cancelled while the body was stalled");
        var canceled = await Assert.CatchAsync<PurchaseReportCanceledException>(async () => await report);
        Assert.That(canceled!.Report["Kit"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate), "written and answered, or no usable answer: Kit may have recorded it");
        Assert.That(canceled.Message, Does.EndWith("May have been recorded by: Kit."));
    }

    [Test]
    public async Task The_caller_s_cancellation_after_a_503_says_nothing_was_recorded()
    {
        Server.On("POST", Routes.KitPurchases, Reply.Status(503, """{"errors":["Busy"]}"""));
        var sdk = Kit();
        using var cancellation = new CancellationTokenSource();
        var retryWait = Clock.WaitForTimerAsync(due => due < AttemptTimeout);

        var report = sdk.GetRequiredService<IPurchaseReporter>().ReportAsync(Purchases.KitSeed(), cancellation.Token);
        await retryWait; // Kit said 503 (not processed); the SDK waits on the test clock before its retry
        await cancellation.CancelAsync();

        await Completes(report, "ReportAsync did not end after the caller cancelled during the retry wait");
        var canceled = await Assert.CatchAsync<PurchaseReportCanceledException>(async () => await report);
        var kit = canceled!.Report["Kit"]!;
        Assert.Multiple(() =>
        {
            Assert.That(kit.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(((ProviderRequestException)kit.Error!).FailureKind, Is.EqualTo(ProviderFailureKind.NotProcessed));
            Assert.That(kit.Attempts, Is.EqualTo(1));
            Assert.That(canceled.Message, Does.Contain("Not recorded by: Kit"));
            Assert.That(canceled.CancellationToken, Is.EqualTo(cancellation.Token));
        });
    }

    [Test]
    public async Task The_typed_client_s_create_ends_at_the_total_timeout_with_a_maybe_processed_error()
    {
        Server.On("POST", Routes.KitPurchases, Reply.HeadersThenStall(201, """{"purchase":"""));
        var sdk = Kit();
        using var probe = new HttpClientProbe(Server.Port);
        var envelope = new KitPurchaseEnvelope
        {
            Purchase = new KitPurchase { EmailAddress = "ada@example.com", TransactionId = "typed-1", Currency = "USD", Total = 1m },
        };

        var create = sdk.GetRequiredService<IKitApi>().CreatePurchaseAsync(envelope);
        await Within(Task.WhenAny(probe.HeadersReceived(1), create), "the answer's headers never reached the SDK");
        Clock.Advance(TotalTimeout);

        await Completes(create, "IKitApi.CreatePurchaseAsync did not end after the total timeout passed on the test clock");
        var error = await Assert.CatchAsync<ProviderRequestException>(async () => await create);
        Assert.That(error?.FailureKind, Is.EqualTo(ProviderFailureKind.MaybeProcessed));
    }
}
