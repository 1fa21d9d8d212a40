using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PurchaseSdk.Delivery.Sqlite;

namespace PurchaseSdk.Delivery.Tests.Crash;

/// <summary>
/// A worker process is killed with SIGKILL in the middle of deliveries, and a new one started on the same SQLite
/// file. The sandbox runs in a process of its own, so what the providers stored survives both. Every purchase ends
/// delivered exactly once where the provider can be asked, Indeterminate only where it cannot and only for the
/// deliveries whose worker died between sending and recording; nothing is lost.
/// </summary>
[NonParallelizable]
public sealed class CrashTests
{
    private const int Orders = 60;
    private const int AttemptsBeforeKill = 80;
    private static readonly string[] CanBeAsked = ["Drip", "ElasticPath"];

    [Test]
    public async Task A_worker_killed_mid_delivery_loses_nothing_and_duplicates_nothing_where_the_provider_can_be_asked()
    {
        using var database = new TempDatabase();
        var keys = Path.Combine(database.Folder, "keys");
        var environment = Path.Combine(database.Folder, "sandbox.env");
        var records = Path.Combine(database.Folder, "records.txt");
        var crashHost = Repository.Dll("PurchaseSdk.Delivery.CrashHost", "tests");

        using var sandbox = ChildProcess.Start(Repository.Dll("PurchaseSdk.Samples.Console", "samples"), "--serve", environment, "--latency-ms", "200", "--records", records);
        await sandbox.WaitForLineAsync("PurchaseSandbox serving at");

        using (var enqueue = ChildProcess.Start(crashHost, "enqueue", database.FilePath, keys, environment, Orders.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            Assert.That(await enqueue.WaitForExitAsync(), Is.Zero, enqueue.Output);
        }

        using (var doomed = ChildProcess.Start(crashHost, "deliver", database.FilePath, keys, environment))
        {
            // Killed once enough deliveries are recorded and several provider calls are in flight (started after their
            // attempt was marked, not yet answered: the sandbox holds each answer 200 ms). Those die between sending
            // and recording.
            await doomed.WaitForAsync(lines =>
                lines.Count(l => l == "ATTEMPT") >= AttemptsBeforeKill && lines.Count(l => l == "SENDING") - lines.Count(l => l == "SENT") >= 5);
            doomed.Kill();
            await doomed.WaitForExitAsync();
            Assert.That(doomed.Count("DONE"), Is.Zero, "killed before it finished");
        }

        using (var successor = ChildProcess.Start(crashHost, "deliver", database.FilePath, keys, environment))
        {
            await successor.WaitForLineAsync("DONE");
            Assert.That(await successor.WaitForExitAsync(), Is.Zero, successor.Output);
        }

        sandbox.CloseInput();
        Assert.That(await sandbox.WaitForExitAsync(), Is.Zero, sandbox.Output);

        // What the store says.
        using var store = new SqliteDeliveryStore(new SqliteDeliveryStoreOptions { ConnectionString = database.ConnectionString }, new FakeTimeProvider());
        var deliveries = new List<DeliveryRecord>();
        for (var i = 0; i < Orders; i++)
        {
            deliveries.AddRange((await store.GetOrderAsync($"crash-{i:0000}", CancellationToken.None))!.Deliveries);
        }

        // What the providers stored, by order id where the record carries it.
        var stored = (await File.ReadAllLinesAsync(records))
            .Select(line => (Provider: line[..line.IndexOf(' ', StringComparison.Ordinal)], Record: line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..]))
            .ToList();
        int StoredFor(string provider, string orderId) => stored.Count(s => s.Provider == provider && s.Record.Contains('"' + orderId + '"', StringComparison.Ordinal));

        var interrupted = deliveries.Where(d => d.History.Any(a => a.Outcome == DeliveryAttemptOutcome.LeaseExpired)).ToList();
        TestContext.Out.WriteLine($"{deliveries.Count} deliveries, {interrupted.Count} interrupted by the kill: " +
            string.Join(", ", deliveries.GroupBy(d => (d.Provider, d.State)).Select(g => $"{g.Key.Provider} {g.Key.State} {g.Count()}")));

        Assert.Multiple(() =>
        {
            Assert.That(deliveries, Has.Count.EqualTo(Orders * 5), "nothing lost");
            Assert.That(deliveries, Has.None.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Pending));
            Assert.That(deliveries.Select(d => d.State).Distinct(), Is.SubsetOf(new[] { DeliveryState.Succeeded, DeliveryState.Indeterminate }));
            Assert.That(interrupted, Is.Not.Empty, "the kill landed in the middle of deliveries");

            foreach (var provider in CanBeAsked)
            {
                Assert.That(deliveries.Where(d => d.Provider == provider), Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Succeeded), provider);
                for (var i = 0; i < Orders; i++)
                {
                    Assert.That(StoredFor(provider, $"crash-{i:0000}"), Is.EqualTo(1), $"{provider} crash-{i:0000} recorded exactly once");
                }
            }

            foreach (var provider in new[] { "Scout", "Rundl", "Kit" })
            {
                var mine = deliveries.Where(d => d.Provider == provider).ToList();
                var parked = mine.Where(d => d.State == DeliveryState.Indeterminate).ToList();
                var succeeded = mine.Count(d => d.State == DeliveryState.Succeeded);
                Assert.That(parked.Select(d => d.Id), Is.EquivalentTo(interrupted.Where(d => d.Provider == provider).Select(d => d.Id)),
                    $"{provider}: Indeterminate exactly where the worker died between sending and recording");
                var records = stored.Count(s => s.Provider == provider);
                Assert.That(records, Is.InRange(succeeded, succeeded + parked.Count), $"{provider}: every success recorded once, a parked one at most once");
                if (provider != "Rundl")
                {
                    for (var i = 0; i < Orders; i++)
                    {
                        Assert.That(StoredFor(provider, $"crash-{i:0000}"), Is.LessThanOrEqualTo(1), $"{provider} crash-{i:0000} never twice");
                    }
                }
            }
        });
    }
}
