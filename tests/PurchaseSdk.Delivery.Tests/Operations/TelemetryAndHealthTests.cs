using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace PurchaseSdk.Delivery.Tests.Operations;

/// <summary>A span per attempt linked to the enqueuing trace, the delivery metrics, and the health check's thresholds.</summary>
[NonParallelizable]
public sealed class TelemetryAndHealthTests
{
    [Test]
    public async Task Each_attempt_is_a_span_of_its_own_trace_linked_to_the_trace_that_enqueued_it()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PurchaseSdkTelemetry.ActivitySourceName || source.Name == "checkout",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var checkoutSource = new ActivitySource("checkout");
        await using var harness = DeliveryHarness.Create();

        ActivityTraceId enqueuingTrace;
        using (var checkout = checkoutSource.StartActivity("POST /checkout"))
        {
            enqueuingTrace = checkout!.TraceId;
            await harness.EnqueueAsync("order-1");
        }

        await harness.DeliverDueAsync();

        List<Activity> attempts;
        lock (spans)
        {
            attempts = [.. spans.Where(s => s.OperationName == PurchaseDeliveryTelemetry.AttemptActivityName)];
        }

        Assert.That(attempts.Select(a => a.GetTagItem("purchasesdk.provider")), Is.EquivalentTo(new[] { "Scout", "Rundl", "Kit", "Drip", "ElasticPath" }));
        Assert.That(attempts, Has.All.Matches<Activity>(a => a!.Links.Single().Context.TraceId == enqueuingTrace && a.TraceId != enqueuingTrace && a.ParentSpanId == default));
        Assert.That(attempts.Select(a => a.GetTagItem("purchasesdk.delivery.outcome")), Has.All.EqualTo("succeeded"));
        lock (spans)
        {
            var reportSpans = spans.Where(s => s.OperationName == "PurchaseSdk.Report").ToList();
            Assert.That(reportSpans.Select(p => p.ParentSpanId), Is.EquivalentTo(attempts.Select(a => a.SpanId)), "the report span is the attempt span's child");
        }
    }

    [Test]
    public async Task Metrics_count_attempts_by_provider_and_outcome_and_gauge_pending_and_the_oldest_age()
    {
        await using var harness = DeliveryHarness.Create();
        var meters = harness.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var attempts = new MetricCollector<long>(meters, PurchaseSdkTelemetry.MeterName, "purchasesdk.delivery.attempts");
        using var pending = new MetricCollector<long>(meters, PurchaseSdkTelemetry.MeterName, "purchasesdk.delivery.pending");
        using var age = new MetricCollector<double>(meters, PurchaseSdkTelemetry.MeterName, "purchasesdk.delivery.oldest_pending_age");
        using var deliveries = new MetricCollector<long>(meters, PurchaseSdkTelemetry.MeterName, "purchasesdk.delivery.deliveries");
        await harness.EnqueueAsync("order-1");
        harness.Sandbox.Kit.FailNext(2, SandboxFault.Status(503));
        harness.Clock.Advance(TimeSpan.FromSeconds(20));

        await harness.DeliverDueAsync();
        pending.RecordObservableInstruments();
        age.RecordObservableInstruments();
        deliveries.RecordObservableInstruments();

        Assert.That(attempts.GetMeasurementSnapshot().Select(m => $"{m.Tags["provider"]}:{m.Tags["outcome"]}"),
            Is.EquivalentTo(new[] { "Scout:succeeded", "Rundl:succeeded", "Kit:rescheduled", "Drip:succeeded", "ElasticPath:succeeded" }));
        Assert.That(pending.LastMeasurement!.Value, Is.EqualTo(1));
        Assert.That(age.LastMeasurement!.Value, Is.GreaterThanOrEqualTo(20));
        Assert.That(deliveries.GetMeasurementSnapshot().Select(m => $"{m.Tags["provider"]}:{m.Tags["state"]}:{m.Value}"), Does.Contain("Kit:pending:1").And.Contain("Drip:succeeded:1"));
    }

    [Test]
    public async Task The_health_check_degrades_with_age_or_parked_deliveries_and_turns_unhealthy_past_its_limit()
    {
        await using var harness = DeliveryHarness.Create(
            o =>
            {
                o.HealthDegradedAfter = TimeSpan.FromMinutes(15);
                o.HealthUnhealthyAfter = TimeSpan.FromHours(2);
            },
            services: s => s.AddHealthChecks().AddPurchaseDelivery());
        var health = harness.Services.GetRequiredService<HealthCheckService>();
        async Task<HealthStatus> StatusAsync() => (await health.CheckHealthAsync()).Status;

        Assert.That(await StatusAsync(), Is.EqualTo(HealthStatus.Healthy));
        await harness.EnqueueAsync("order-1");
        harness.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.That(await StatusAsync(), Is.EqualTo(HealthStatus.Degraded));
        harness.Clock.Advance(TimeSpan.FromHours(2));
        var report = await health.CheckHealthAsync();
        Assert.That(report.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(report.Entries["purchasesdk-delivery"].Description, Does.Contain("pending"));

        harness.Sandbox.Kit.FailNext(1, SandboxFault.AcceptThenFail(500));
        await harness.DeliverDueAsync();
        var parked = await health.CheckHealthAsync();
        Assert.That(parked.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(parked.Entries["purchasesdk-delivery"].Data["indeterminate"], Is.EqualTo(1L));

        await harness.Admin.ResolveAsDeliveredAsync((await harness.DeliveryAsync("order-1", "Kit")).Id, "k-1");
        Assert.That(await StatusAsync(), Is.EqualTo(HealthStatus.Healthy));
    }
}
