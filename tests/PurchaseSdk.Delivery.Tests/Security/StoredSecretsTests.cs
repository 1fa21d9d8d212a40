using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;

namespace PurchaseSdk.Delivery.Tests.Security;

/// <summary>
/// Sentinel credentials in contexts (Scout's user token, Elastic Path's account-management token, Rundl's payment
/// token) never appear in the SQLite file's bytes (database and WAL), the stored errors, the logs or telemetry, in
/// any encoding, through enqueue, delivery, failures and the admin API.
/// </summary>
public sealed class StoredSecretsTests
{
    private const string ScoutUserToken = "SNTL-scout-user-3b7c";
    private const string MemberToken = "SNTL-ep-member-7f38";
    private const string PaymentToken = "SNTL-rundl-pay-8a27";

    private static IEnumerable<string> Encodings(string secret)
    {
        yield return secret;
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        yield return JsonSerializer.Serialize(secret).Trim('"');
    }

    private static readonly string[] Sentinels = [.. new[] { ScoutUserToken, MemberToken, PaymentToken }.SelectMany(Encodings).Distinct()];

    [Test]
    public async Task No_context_credential_reaches_the_file_the_logs_or_telemetry()
    {
        var telemetry = new List<string>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (telemetry)
                {
                    telemetry.Add(a.DisplayName + " " + a.StatusDescription + " " + string.Join(" ", a.TagObjects.Select(t => $"{t.Key}={t.Value}")));
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        using var meters = new MeterListener { InstrumentPublished = (i, l) => l.EnableMeasurementEvents(i) };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (telemetry)
            {
                foreach (var tag in tags)
                {
                    telemetry.Add($"{tag.Key}={tag.Value}");
                }
            }
        });
        meters.Start();

        await using var harness = DeliveryHarness.Create(services: s => s.AddLogging(l => l.AddFakeLogging()));
        var purchase = DeliveryHarness.NewPurchase("secret-order",
        [
            new ScoutUserContext(harness.Sandbox.Credentials.ScoutUserId, ScoutUserToken),
            new RundlCheckoutContext { AccountId = 17357980, ServiceId = 30798101, ProductId = 30798131, PaymentToken = PaymentToken },
            new ElasticPathCheckoutContext { CartReference = "cart-1", AccountManagementToken = MemberToken },
        ]);

        await harness.Outbox.EnqueueAsync(purchase);
        AssertAbsent(await FileBytesAsync(harness), "the SQLite file after enqueue");

        harness.Sandbox.Rundl.FailNext(1, SandboxFault.Status(503));
        await harness.DeliverDueAsync();
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.DeliverDueAsync();
        meters.RecordObservableInstruments();

        var order = await harness.Admin.GetOrderAsync("secret-order");
        Assert.That(order!.Deliveries.Single(d => d.Provider == "Scout").State, Is.EqualTo(DeliveryState.Failed), "the sentinel user token is refused by the sandbox: an error path");
        var stored = string.Join("\n", order.Deliveries.Select(d => $"{d} {d.LastError} {d.Resolution} " + string.Join(" ", d.History.Select(a => a.Message))));
        AssertAbsent(stored, "the admin view");
        AssertAbsent(await FileBytesAsync(harness), "the SQLite file after delivery");
        var logs = harness.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        Assert.That(logs, Is.Not.Empty);
        AssertAbsent(string.Join("\n", logs.Select(l => l.Message + " " + l.Exception)), "the logs");
        lock (telemetry)
        {
            Assert.That(telemetry, Is.Not.Empty);
            AssertAbsent(string.Join("\n", telemetry), "telemetry");
        }
    }

    private static async Task<string> FileBytesAsync(DeliveryHarness harness)
    {
        var builder = new StringBuilder();
        foreach (var path in Directory.GetFiles(harness.Database.Folder))
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await file.CopyToAsync(memory);
            builder.Append(Encoding.UTF8.GetString(memory.ToArray())).Append(Encoding.Unicode.GetString(memory.ToArray()));
        }

        Assert.That(builder.ToString(), Does.Contain("secret-order"), "the file was read");
        return builder.ToString();
    }

    private static void AssertAbsent(string text, string where)
    {
        foreach (var sentinel in Sentinels)
        {
            Assert.That(text, Does.Not.Contain(sentinel), $"{sentinel} in {where}");
        }
    }
}
