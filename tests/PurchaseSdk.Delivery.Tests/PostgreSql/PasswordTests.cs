using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;

namespace PurchaseSdk.Delivery.Tests.PostgreSql;

/// <summary>
/// The connection string's password appears in no log (the SDK's and Npgsql's, at Trace), exception, span, metric or
/// health report: on the way that works and on the way that fails authentication.
/// </summary>
[NonParallelizable]
public sealed class PasswordTests
{
    private sealed class Surfaces : IDisposable
    {
        private readonly List<string> _texts = [];
        private readonly TelemetryListener _telemetry;

        public Surfaces()
        {
            _telemetry = new TelemetryListener(
                span => Add(
                    $"{span.Source.Name} {span.OperationName} {span.DisplayName} {span.StatusDescription} " +
                    string.Join(";", span.TagObjects.Select(t => $"{t.Key}={t.Value}")) + " " +
                    string.Join(";", span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))),
                (instrument, tags) => Add(instrument.Meter.Name + " " + instrument.Name + " " + string.Join(";", tags)));
        }

        public int Count
        {
            get
            {
                lock (_texts)
                {
                    return _texts.Count;
                }
            }
        }

        public void Add(string? text)
        {
            lock (_texts)
            {
                _texts.Add(text ?? string.Empty);
            }
        }

        public void AssertAbsent(string secret, string scenario)
        {
            _telemetry.RecordObservableInstruments();
            lock (_texts)
            {
                Assert.That(_texts.Where(t => t.Contains(secret, StringComparison.Ordinal)).ToList(), Is.Empty, scenario);
                Assert.That(_texts, Has.Some.Contains("Npgsql").Or.Some.Contains("npgsql"), "Npgsql's own telemetry was captured too");
            }
        }

        public void Dispose() => _telemetry.Dispose();
    }

    private static DeliveryHarness Harness(string connectionString) =>
        DeliveryHarness.Create(
            store: d => d.UsePostgreSql(connectionString),
            services: s =>
            {
                s.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
                s.AddHealthChecks().AddPurchaseDelivery();
            });

    private static void CaptureLogs(DeliveryHarness harness, Surfaces surfaces)
    {
        foreach (var record in harness.Services.GetFakeLogCollector().GetSnapshot())
        {
            surfaces.Add($"{record.Category} {record.Message} {record.Exception} " + string.Join(";", record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []));
        }
    }

    private static async Task CaptureHealthAsync(DeliveryHarness harness, Surfaces surfaces)
    {
        var report = await harness.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        foreach (var (name, entry) in report.Entries)
        {
            surfaces.Add($"{name} {entry.Status} {entry.Description} {entry.Exception} " + string.Join(";", entry.Data.Select(kv => kv.Key + "=" + kv.Value)));
        }
    }

    [Test]
    public async Task The_password_is_absent_from_logs_spans_metrics_and_health_when_delivery_works()
    {
        await using var database = TestDatabase.Create("password");
        var password = new NpgsqlConnectionStringBuilder(database.ConnectionString).Password!;
        Assert.That(password, Is.Not.Empty, "the test server authenticates with a password");
        using var surfaces = new Surfaces();
        await using var harness = Harness(database.ConnectionString);

        await harness.EnqueueAsync("order-1");
        Assert.That(await harness.DeliverDueAsync(), Is.EqualTo(5));
        Assert.That((await harness.Admin.GetOrderAsync("order-1"))!.Deliveries, Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Succeeded));
        await CaptureHealthAsync(harness, surfaces);
        CaptureLogs(harness, surfaces);

        Assert.That(surfaces.Count, Is.GreaterThan(20));
        surfaces.AssertAbsent(password, "delivery that works");
    }

    [Test]
    public async Task The_password_is_absent_from_logs_exceptions_spans_metrics_and_health_when_it_is_refused()
    {
        await using var database = TestDatabase.Create("password");
        const string Wrong = "Wr0ng-but-S3cret-passw0rd";
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = Wrong }.ConnectionString;
        using var surfaces = new Surfaces();
        await using var harness = Harness(connectionString);
        var hosted = harness.Services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var refused = await Assert.ThrowsAsync<PostgresException>(() => harness.EnqueueAsync("order-1"));
        Assert.That(refused!.SqlState, Is.EqualTo("28P01"), "authentication failed");
        surfaces.Add(refused.ToString());
        surfaces.Add((await Assert.CatchAsync(() => harness.Admin.GetStatisticsAsync()))!.ToString());
        await CaptureHealthAsync(harness, surfaces);
        foreach (var service in Enumerable.Reverse(hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }

        CaptureLogs(harness, surfaces);
        surfaces.AssertAbsent(Wrong, "a refused password");
    }
}
