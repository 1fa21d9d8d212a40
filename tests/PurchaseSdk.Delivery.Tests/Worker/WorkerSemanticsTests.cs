namespace PurchaseSdk.Delivery.Tests.Worker;

/// <summary>
/// The worker against the sandbox, one row of the README's failure table at a time: what each provider's failure
/// makes of the delivery, and that every purchase ends recorded exactly once where it can end so.
/// </summary>
public sealed class WorkerSemanticsTests
{
    private static readonly string[] AllProviders = ["Scout", "Rundl", "Kit", "Drip", "ElasticPath"];
    private static readonly string[] CannotBeAsked = ["Scout", "Rundl", "Kit"];
    private static readonly string[] CanBeAsked = ["Drip", "ElasticPath"];

    /// <summary>Records one delivered purchase leaves: Scout posts one checkout per unit (three), the others one record.</summary>
    private static int Records(string provider) => provider == "Scout" ? 3 : 1;

    private static void AssertDeliveredOnce(DeliveryHarness harness)
    {
        foreach (var emulated in harness.Sandbox.Providers)
        {
            Assert.That(emulated.RecordCount, Is.EqualTo(Records(emulated.Name)), emulated.Name);
        }
    }

    private static SandboxProvider Emulated(DeliveryHarness harness, string provider) =>
        harness.Sandbox.Providers.Single(p => p.Name == provider);

    /// <summary>
    /// Enqueues order-1, makes <paramref name="provider"/> answer its next <paramref name="times"/> requests with
    /// <paramref name="fault"/>, runs the worker over what is due, and returns that provider's delivery.
    /// </summary>
    private static async Task<DeliveryRecord> DeliverWithFaultAsync(DeliveryHarness harness, string provider, SandboxFault fault, int times = 1)
    {
        await harness.EnqueueAsync("order-1");
        Emulated(harness, provider).FailNext(times, fault);
        await harness.DeliverDueAsync();
        return await harness.DeliveryAsync("order-1", provider);
    }

    [Test]
    public async Task A_purchase_is_delivered_to_every_provider_once_with_their_references()
    {
        await using var harness = DeliveryHarness.Create();
        var enqueued = await harness.EnqueueAsync("order-1");
        Assert.That((enqueued.AlreadyEnqueued, enqueued.Providers), Is.EqualTo((false, (IReadOnlyList<string>)AllProviders)));
        Assert.That(harness.Sandbox.Providers.Sum(p => p.Requests.Count), Is.Zero, "nothing is sent by EnqueueAsync");

        Assert.That(await harness.DeliverDueAsync(), Is.EqualTo(5));

        var order = await harness.Admin.GetOrderAsync("order-1");
        Assert.That(order!.Deliveries, Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Succeeded));
        AssertDeliveredOnce(harness);
        Assert.That(order.Deliveries.Single(d => d.Provider == "Kit").ProviderReference, Is.EqualTo(harness.Sandbox.Kit.Records[0]["id"]!.ToString()));
        Assert.That(order.Deliveries.Single(d => d.Provider == "ElasticPath").ProviderReference, Is.Not.Null);
        Assert.That(order.Deliveries, Has.All.Property(nameof(DeliveryRecord.Attempts)).EqualTo(1));
    }

    [Test]
    public async Task Enqueueing_the_same_order_again_delivers_nothing_new()
    {
        await using var harness = DeliveryHarness.Create();
        await harness.EnqueueAsync("order-1");
        await harness.DeliverDueAsync();

        var again = await harness.EnqueueAsync("order-1");

        Assert.That(again.AlreadyEnqueued, Is.True);
        Assert.That(again.Providers, Is.Empty);
        Assert.That(await harness.DeliverDueAsync(), Is.Zero);
        AssertDeliveredOnce(harness);
    }

    [Test]
    public async Task An_invalid_purchase_is_refused_at_enqueue_and_nothing_is_stored()
    {
        await using var harness = DeliveryHarness.Create();
        var invalid = DeliveryHarness.NewPurchase("bad", []);
        invalid = new Purchase { OrderId = "bad", Currency = "USD", Lines = [new PurchaseLine { Name = "x", UnitPrice = 1.005m }] };

        var error = await Assert.ThrowsAsync<PurchaseValidationException>(() => harness.Outbox.EnqueueAsync(invalid));

        Assert.That(error!.Errors, Is.Not.Empty);
        Assert.That(await harness.Admin.GetOrderAsync("bad"), Is.Null);
    }

    [TestCaseSource(nameof(AllProviders))]
    public async Task Not_processed_past_the_retry_budget_is_rescheduled_then_delivered_once_when_the_provider_is_back(string provider)
    {
        await using var harness = DeliveryHarness.Create(o => o.RetryBaseDelay = TimeSpan.FromMinutes(1));

        var pending = await DeliverWithFaultAsync(harness, provider, SandboxFault.Status(503), times: 2);

        Assert.That(pending.State, Is.EqualTo(DeliveryState.Pending));
        Assert.That(pending.LastError, Does.Contain("503"));
        var wait = pending.NextAttemptAt!.Value - pending.UpdatedAt;
        Assert.That(wait, Is.InRange(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(75)), "the first backoff, ±25 % jitter");
        Assert.That(Emulated(harness, provider).RecordCount, Is.Zero);
        Assert.That(await harness.DeliverDueAsync(), Is.Zero, "not due yet");

        harness.Clock.Advance(wait);
        await harness.DeliverDueAsync();

        var delivered = await harness.DeliveryAsync("order-1", provider);
        Assert.That((delivered.State, delivered.Attempts), Is.EqualTo((DeliveryState.Succeeded, 2)));
        Assert.That(delivered.History.Select(a => a.Outcome), Is.EqualTo(new[] { DeliveryAttemptOutcome.Rescheduled, DeliveryAttemptOutcome.Succeeded }));
        Assert.That(Emulated(harness, provider).RecordCount, Is.EqualTo(Records(provider)));
    }

    [TestCase("Scout")]
    [TestCase("ElasticPath")]
    public async Task A_429_whose_Retry_After_outlasts_the_call_is_rescheduled_exactly_at_Retry_After(string provider)
    {
        await using var harness = DeliveryHarness.Create();

        var pending = await DeliverWithFaultAsync(harness, provider, SandboxFault.TooManyRequests(TimeSpan.FromMinutes(7)));

        Assert.That(pending.State, Is.EqualTo(DeliveryState.Pending));
        Assert.That(pending.NextAttemptAt - pending.UpdatedAt, Is.EqualTo(TimeSpan.FromMinutes(7)));
        harness.Clock.Advance(TimeSpan.FromMinutes(7));
        await harness.DeliverDueAsync();
        Assert.That((await harness.DeliveryAsync("order-1", provider)).State, Is.EqualTo(DeliveryState.Succeeded));
    }

    [Test]
    public async Task Drip_with_its_hourly_budget_spent_is_rescheduled_for_the_next_hour()
    {
        await using var harness = DeliveryHarness.Create();

        var pending = await DeliverWithFaultAsync(harness, "Drip", SandboxFault.TooManyRequests());

        Assert.That(pending.State, Is.EqualTo(DeliveryState.Pending));
        Assert.That(pending.NextAttemptAt - pending.UpdatedAt, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(harness.Sandbox.Drip.Requests, Has.Count.EqualTo(1), "a spent budget fails at once");
    }

    [TestCaseSource(nameof(AllProviders))]
    public async Task A_permanent_refusal_is_dead_at_once_with_the_redacted_error_and_can_be_re_driven(string provider)
    {
        await using var harness = DeliveryHarness.Create();

        var dead = await DeliverWithFaultAsync(harness, provider, SandboxFault.Status(422));

        Assert.That((dead.State, dead.Attempts), Is.EqualTo((DeliveryState.Failed, 1)));
        Assert.That(dead.LastError, Does.Contain("422"));
        Assert.That(dead.FinishedAt, Is.Not.Null);
        harness.Clock.Advance(TimeSpan.FromDays(1));
        Assert.That(await harness.DeliverDueAsync(), Is.Zero);

        Assert.That(await harness.Admin.RedriveAsync(dead.Id), Is.EqualTo(DeliveryChangeResult.Changed));
        await harness.DeliverDueAsync();
        Assert.That((await harness.DeliveryAsync("order-1", provider)).State, Is.EqualTo(DeliveryState.Succeeded));
        Assert.That(Emulated(harness, provider).RecordCount, Is.EqualTo(Records(provider)));
    }

    [TestCaseSource(nameof(CannotBeAsked))]
    public async Task Maybe_processed_where_the_provider_cannot_be_asked_is_parked_and_never_sent_again(string provider)
    {
        await using var harness = DeliveryHarness.Create();
        var emulated = Emulated(harness, provider);

        var parked = await DeliverWithFaultAsync(harness, provider, SandboxFault.AcceptThenFail(500));

        Assert.That(parked.State, Is.EqualTo(DeliveryState.Indeterminate));
        Assert.That(parked.LastError, Does.Contain("500"));
        var requests = emulated.Requests.Count;
        harness.Clock.Advance(TimeSpan.FromDays(3));
        Assert.That(await harness.DeliverDueAsync(), Is.Zero);
        Assert.That(emulated.Requests, Has.Count.EqualTo(requests));
        Assert.That(emulated.RecordCount, Is.EqualTo(1), "the one create that may have landed, never a second");

        Assert.That(await harness.Admin.ResolveAsDeliveredAsync(parked.Id, "checked-by-hand"), Is.EqualTo(DeliveryChangeResult.Changed));
        var resolved = await harness.DeliveryAsync("order-1", provider);
        Assert.That((resolved.State, resolved.ProviderReference), Is.EqualTo((DeliveryState.Succeeded, "checked-by-hand")));
    }

    [TestCaseSource(nameof(CanBeAsked))]
    public async Task Maybe_processed_where_the_provider_can_be_asked_is_looked_up_and_delivered_once(string provider)
    {
        await using var harness = DeliveryHarness.Create();

        var delivered = await DeliverWithFaultAsync(harness, provider, SandboxFault.AcceptThenFail(500));

        Assert.That(delivered.State, Is.EqualTo(DeliveryState.Succeeded));
        Assert.That(Emulated(harness, provider).RecordCount, Is.EqualTo(1));
    }

    [Test]
    public async Task A_parked_delivery_re_sent_by_an_administrator_is_sent_again()
    {
        await using var harness = DeliveryHarness.Create();
        var parked = await DeliverWithFaultAsync(harness, "Kit", SandboxFault.DropConnection());
        Assert.That(parked.State, Is.EqualTo(DeliveryState.Indeterminate));
        Assert.That(harness.Sandbox.Kit.RecordCount, Is.Zero, "the dropped request was never stored: an administrator checks, then re-sends");

        Assert.That(await harness.Admin.ResendAcceptingDuplicateRiskAsync(parked.Id), Is.EqualTo(DeliveryChangeResult.Changed));
        await harness.DeliverDueAsync();

        var delivered = await harness.DeliveryAsync("order-1", "Kit");
        Assert.That(delivered.State, Is.EqualTo(DeliveryState.Succeeded));
        Assert.That(delivered.Resolution, Does.Contain("duplicate"));
        Assert.That(harness.Sandbox.Kit.RecordCount, Is.EqualTo(1));
    }

    [Test]
    public async Task A_provider_whose_context_is_missing_is_skipped_on_the_first_attempt_without_a_request()
    {
        await using var harness = DeliveryHarness.Create();
        await harness.EnqueueAsync("order-1", withContexts: false);

        await harness.DeliverDueAsync();

        foreach (var provider in new[] { "Scout", "Rundl", "ElasticPath" })
        {
            var skipped = await harness.DeliveryAsync("order-1", provider);
            Assert.That((skipped.State, skipped.Attempts), Is.EqualTo((DeliveryState.Skipped, 1)), provider);
            Assert.That(skipped.LastError, Does.Contain("Context"), provider);
            Assert.That(Emulated(harness, provider).Requests.Where(r => r.Method == "POST" && !r.Path.Contains("oauth")), Is.Empty, provider);
        }

        Assert.That((await harness.DeliveryAsync("order-1", "Kit")).State, Is.EqualTo(DeliveryState.Succeeded));
        Assert.That((await harness.DeliveryAsync("order-1", "Drip")).State, Is.EqualTo(DeliveryState.Succeeded));
    }

    [Test]
    public async Task A_provider_down_longer_than_MaxAge_ends_failed_with_a_message_that_says_so()
    {
        await using var harness = DeliveryHarness.Create(o =>
        {
            o.MaxAge = TimeSpan.FromMinutes(10);
            o.RetryBaseDelay = TimeSpan.FromMinutes(1);
            o.RetryMaxDelay = TimeSpan.FromMinutes(4);
        });
        await harness.EnqueueAsync("order-1");
        harness.Sandbox.Kit.FailNext(1000, SandboxFault.Status(503));

        for (var round = 0; round < 20; round++)
        {
            await harness.DeliverDueAsync();
            var kit = await harness.DeliveryAsync("order-1", "Kit");
            if (kit.State != DeliveryState.Pending)
            {
                break;
            }

            harness.Clock.Advance(kit.NextAttemptAt!.Value - harness.Clock.GetUtcNow());
        }

        var failed = await harness.DeliveryAsync("order-1", "Kit");
        Assert.That(failed.State, Is.EqualTo(DeliveryState.Failed));
        Assert.That(failed.LastError, Does.Contain("MaxAge"));
        Assert.That(failed.FinishedAt!.Value - failed.EnqueuedAt, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(failed.Attempts, Is.InRange(3, 8));
        Assert.That((await harness.DeliveryAsync("order-1", "Drip")).State, Is.EqualTo(DeliveryState.Succeeded), "one provider's outage never holds up another");
    }

    [Test]
    public async Task A_lease_that_expires_after_the_send_started_is_resumed_by_asking_never_by_a_blind_re_send()
    {
        await using var harness = DeliveryHarness.Create();
        await harness.EnqueueAsync("order-1");

        // A worker that sent every delivery, then died before recording anything: the sandbox has each record once.
        var claimed = await harness.Store.ClaimAsync("dead-worker", 10, TimeSpan.FromMinutes(5), CancellationToken.None);
        foreach (var delivery in claimed)
        {
            Assert.That(await harness.Store.MarkAttemptStartedAsync(delivery.Lease, CancellationToken.None), Is.True);
        }

        var purchase = DeliveryHarness.NewPurchase("order-1", harness.Sandbox.CreateContexts("cart-order-1"));
        await harness.Clock.RunAsync(harness.Reporter.ReportAsync(purchase));
        var requestsBefore = harness.Sandbox.Providers.ToDictionary(p => p.Name, p => p.Requests.Count(r => r.Method == "POST"));

        Assert.That(await harness.DeliverDueAsync(), Is.Zero, "the dead worker's lease still lives");
        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.That(await harness.DeliverDueAsync(), Is.EqualTo(5));

        foreach (var provider in AllProviders)
        {
            var record = await harness.DeliveryAsync("order-1", provider);
            var expected = CanBeAsked.Contains(provider) ? DeliveryState.Succeeded : DeliveryState.Indeterminate;
            Assert.That(record.State, Is.EqualTo(expected), provider);
            Assert.That(record.History.Select(a => a.Outcome).First(), Is.EqualTo(DeliveryAttemptOutcome.LeaseExpired), provider);
            Assert.That(record.History[1].Resumed, Is.True, provider);
            Assert.That(Emulated(harness, provider).Requests.Count(r => r.Method == "POST"), Is.EqualTo(requestsBefore[provider]), provider + ": nothing was created again");
            Assert.That(Emulated(harness, provider).RecordCount, Is.EqualTo(Records(provider)), provider);
        }
    }

    [Test]
    public async Task A_lease_that_expires_before_the_send_started_is_simply_retried()
    {
        await using var harness = DeliveryHarness.Create();
        await harness.EnqueueAsync("order-1");
        await harness.Store.ClaimAsync("dead-worker", 10, TimeSpan.FromMinutes(1), CancellationToken.None);

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await harness.DeliverDueAsync();

        var order = await harness.Admin.GetOrderAsync("order-1");
        Assert.That(order!.Deliveries, Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Succeeded));
        Assert.That(order.Deliveries, Has.All.Property(nameof(DeliveryRecord.Attempts)).EqualTo(1));
        AssertDeliveredOnce(harness);
    }
}
