// The crash and chaos tests' worker process. Talks to a sandbox served by another process (the console sample's
// --serve), stores on a SQLite file shared with the other runs, or on PostgreSQL when <db> is "postgresql" (the
// connection string comes from the environment, PurchaseSdk__Delivery__PostgreSql__ConnectionString), and keeps its
// data-protection keys in a shared folder.
//
//   enqueue <db> <keys> <sandbox-env> <count> [<first> [<prefix>]]
//                                               enqueue <count> purchases (<prefix>-<n>, n from <first>; default
//                                               crash-0000...), print "ENQUEUED <count>", exit
//   deliver <db> <keys> <sandbox-env>           run the worker (lease 16 s), print "SENDING" when a provider call starts (its
//                                               attempt is marked started), "SENT" when it ends, "ATTEMPT" per
//                                               recorded attempt, and
//                                               "DONE" once nothing is pending; exit 0
//   serve <db> <keys> <sandbox-env> <concurrency> <lease-ms>
//                                               run the worker with that concurrency and lease, print "READY <name>"
//                                               once it runs, and stop when the input closes; exit 0
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PurchaseSdk;
using PurchaseSdk.Delivery;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Http;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;

if (args is not [var mode, var database, var keys, var environmentFile, ..] || mode is not ("enqueue" or "deliver" or "serve"))
{
    Console.Error.WriteLine("usage: enqueue <db> <keys> <sandbox-env> <count> [<first> [<prefix>]] | deliver <db> <keys> <sandbox-env> | serve <db> <keys> <sandbox-env> <concurrency> <lease-ms>");
    return 2;
}

var postgres = database == "postgresql";
var concurrency = mode == "serve" ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 16;
var lease = mode == "serve" ? TimeSpan.FromMilliseconds(int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.FromSeconds(16);

var environment = File.ReadAllLines(environmentFile)
    .Select(static line => line.Split('=', 2))
    .Where(static parts => parts.Length == 2)
    .ToDictionary(static parts => parts[0], static parts => parts[1]);
var url = new Uri(environment["SANDBOX_URL"]);

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(environment
    .Where(static e => e.Key.StartsWith("PurchaseSdk__", StringComparison.Ordinal))
    .Select(static e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)));
builder.Configuration.AddEnvironmentVariables();
builder.Services.AddPurchaseSdk(builder.Configuration.GetSection("PurchaseSdk"))
    .AddScout(o => { o.BaseAddress = new Uri(url, "scout/"); o.ApiAddress = o.BaseAddress; Tune(o); })
    .AddRundl(o => { o.BaseAddress = new Uri(url, "rundl/api/"); Tune(o); })
    .AddKit(o => { o.BaseAddress = new Uri(url, "kit/"); Tune(o); })
    .AddDrip(o => { o.BaseAddress = new Uri(url, "drip/"); Tune(o); })
    .AddElasticPath(o => { o.BaseAddress = new Uri(url, "elasticpath/"); Tune(o); })
    .AddDelivery(d =>
    {
        if (postgres)
        {
            d.UsePostgreSql();
        }
        else
        {
            d.UseSqlite($"Data Source={database}");
        }

        d.Configure(o =>
        {
            o.RunWorker = mode != "enqueue";
            o.LeaseDuration = lease;
            o.PollInterval = postgres ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(100);
            o.MaxConcurrency = concurrency;
            o.BatchSize = concurrency;
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
            o.RetryMaxDelay = TimeSpan.FromSeconds(1);
        });
    });
builder.Services.AddDataProtection()
    .PersistKeysToFileSystem(new DirectoryInfo(keys))
    .SetApplicationName("purchasesdk-crash-test");

using var host = builder.Build();
var output = Console.Out;

if (mode == "enqueue")
{
    var count = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
    var first = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 0;
    var prefix = args.Length > 6 ? args[6] : "crash";
    var outbox = host.Services.GetRequiredService<IPurchaseOutbox>();
    for (var i = first; i < first + count; i++)
    {
        var orderId = prefix == "crash" ? $"crash-{i:0000}" : $"{prefix}-{i:00000}";
        await outbox.EnqueueAsync(new Purchase
        {
            OrderId = orderId,
            // The chaos test's 5,000 orders come from 5,000 shoppers: Drip's look-up pages one subscriber's purchases.
            Customer = new Customer { Email = prefix == "crash" ? "crash@example.com" : orderId + "@example.com", Name = "Crash Test" },
            Currency = "USD",
            Source = "crash-test",
            Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "765432", Quantity = 1, UnitPrice = 49m }],
            Contexts =
            {
                new ScoutUserContext(long.Parse(environment["Sample__ScoutUserId"], System.Globalization.CultureInfo.InvariantCulture), environment["Sample__ScoutAccessToken"]),
                new RundlCheckoutContext { AccountId = 17357980, ServiceId = 30798101, ProductId = 30798131 },
                new ElasticPathCheckoutContext { CartReference = "cart-" + orderId, AccountId = "8cee1b9e-3e39-4d5f-bd4a-86cdb985c6ee" },
            },
        });
    }

    output.WriteLine($"ENQUEUED {count}");
    return 0;
}

if (mode == "serve")
{
    // The chaos test's worker: nothing printed per delivery (thousands of them), killed at any moment.
    await host.StartAsync();
    output.WriteLine("READY " + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    output.Flush();
    await Task.Run(() => Console.In.ReadToEnd());
    await host.StopAsync();
    return 0;
}

using var attempts = new MeterListener();
attempts.InstrumentPublished = static (instrument, listener) =>
{
    if (instrument.Name == "purchasesdk.delivery.attempts")
    {
        listener.EnableMeasurementEvents(instrument);
    }
};
attempts.SetMeasurementEventCallback<long>((_, _, _, _) =>
{
    lock (output)
    {
        output.WriteLine("ATTEMPT");
        output.Flush();
    }
});
attempts.Start();
using var sending = new ActivityListener
{
    ShouldListenTo = static source => source.Name == PurchaseSdkTelemetry.ActivitySourceName,
    Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
    ActivityStarted = activity =>
    {
        if (activity.OperationName == "PurchaseSdk.Provider")
        {
            lock (output)
            {
                output.WriteLine("SENDING");
                output.Flush();
            }
        }
    },
    ActivityStopped = activity =>
    {
        if (activity.OperationName == "PurchaseSdk.Provider")
        {
            lock (output)
            {
                output.WriteLine("SENT");
                output.Flush();
            }
        }
    },
};
ActivitySource.AddActivityListener(sending);

await host.StartAsync();
var admin = host.Services.GetRequiredService<IPurchaseDeliveryAdmin>();
while (await admin.CountAsync(new DeliveryFilter { State = DeliveryState.Pending }) > 0)
{
    await Task.Delay(100);
}

await host.StopAsync();
lock (output)
{
    output.WriteLine("DONE");
}

return 0;

// The workers (deliver and serve modes): the sandbox keeps no request budget, so neither does the SDK (the documented
// budgets, Kit's 600 a minute per process, would be what is measured), and a whole provider call, look-ups after an
// uncertain attempt included, ends well within the lease (half of it), as LeaseDuration requires: a call that would
// outlast the worker's share of its lease is cut off (a 3 s lease with the default 30 s TotalTimeout once did that to
// the first, JIT-slow calls of a process on two busy cores).
void Tune(PurchaseProviderOptions options)
{
    if (mode == "enqueue")
    {
        return;
    }

    options.RateLimit.Enabled = false;
    options.Resilience.TotalTimeout = lease / 2;
    options.Resilience.AttemptTimeout = lease / 2;
    options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(100);
    options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(400);
}
