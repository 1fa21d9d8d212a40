using System.Collections.Concurrent;
using PurchaseSdk.Http;
using PurchaseSdk.Testing;

namespace PurchaseSdk.Tests.Reliability;

/// <summary>
/// 5,000 purchases, 64 in flight, through every provider of <see cref="ProviderCase.All"/> against the sandbox: each
/// recorded exactly once per provider, one pooled handler chain per client (no socket or handler leak), and bounded memory.
/// </summary>
[NonParallelizable]
[Category("Load")]
public sealed class LoadTests
{
    private const int PurchaseCount = 5000;
    private const int InFlight = 64;

    private sealed class CountedHandler : DelegatingHandler
    {
        public static int Created;

        public CountedHandler() => Interlocked.Increment(ref Created);
    }

    private static void Generous(PurchaseProviderOptions options)
    {
        // A loaded two-core machine is slow, not faulty: no retry or timeout should be needed here.
        options.Resilience.AttemptTimeout = TimeSpan.FromMinutes(2);
        options.Resilience.TotalTimeout = TimeSpan.FromMinutes(4);

        // This test is about exactly-once under concurrency, not the providers' budgets (Kit's 600 a minute alone
        // would stretch it over eight minutes); the budgets have their own tests.
        options.RateLimit.Enabled = false;
    }

    [Test]
    public async Task Five_thousand_purchases_with_64_in_flight_are_each_recorded_once_by_every_provider()
    {
        await using var sandbox = PurchaseSandbox.Start();
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new CountedHandler()));
        ProviderCase.AddEvery(services.AddPurchaseSdk(), Generous).UsePurchaseSandbox(sandbox);
        await using var provider = services.BuildServiceProvider();
        var reporter = provider.GetRequiredService<IPurchaseReporter>();
        var contexts = sandbox.CreateContexts();
        var problems = new ConcurrentQueue<string>();
        CountedHandler.Created = 0;
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        await Parallel.ForEachAsync(Enumerable.Range(0, PurchaseCount), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, ct) =>
        {
            var purchase = new Purchase
            {
                OrderId = "load-" + i,
                Customer = new Customer { Name = "Load Buyer", Email = $"buyer{i % 50}@example.com" },
                Currency = "USD",
                Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", UnitPrice = 49m + (i % 100) }],
                Tax = 1.5m,
            }.WithContexts(contexts);

            var report = await reporter.ReportAsync(purchase, ct);
            if (!report.Succeeded || report.Outcomes.Any(o => o.Status != ProviderOutcomeStatus.Succeeded || o.Attempts != 1))
            {
                problems.Enqueue(report.ToString());
            }
        });

        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        var expected = Enumerable.Range(0, PurchaseCount).Select(i => "load-" + i).Order().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty, "every provider succeeded at once, for every purchase");
            foreach (var each in ProviderCase.All)
            {
                var emulated = each.In(sandbox);
                if (each.OrderIdField is { } orderId)
                {
                    Assert.That(emulated.Records.Select(r => (string)r[orderId]!).Order(), Is.EqualTo(expected), each.Name);
                }
                else
                {
                    Assert.That(emulated.RecordCount, Is.EqualTo(PurchaseCount), each.Name);
                }
            }

            // One handler chain per HTTP client (an API, and a token endpoint where there is one), reused throughout.
            Assert.That(CountedHandler.Created, Is.LessThanOrEqualTo(ProviderCase.All.Sum(p => p.HttpClients)));
            // The sandbox keeps every request and record; the SDK itself must not grow with the number of reports.
            Assert.That(memoryAfter - memoryBefore, Is.LessThan(400L * 1024 * 1024));
        });
    }
}
