// The crash test's worker process. Talks to a sandbox served by another process (the console sample's --serve),
// stores on a SQLite file shared with the other runs, and keeps its data-protection keys in a shared folder.
//
//   enqueue <db> <keys> <sandbox-env> <count>   enqueue <count> purchases, print "ENQUEUED <count>", exit
//   deliver <db> <keys> <sandbox-env>           run the worker, print "SENDING" when a provider call starts (its
//                                               attempt is marked started), "SENT" when it ends, "ATTEMPT" per
//                                               recorded attempt, and
//                                               "DONE" once nothing is pending; exit 0
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PurchaseSdk;
using PurchaseSdk.Delivery;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;

if (args is not [var mode, var database, var keys, var environmentFile, ..] || mode is not ("enqueue" or "deliver"))
{
    Console.Error.WriteLine("usage: enqueue <db> <keys> <sandbox-env> <count> | deliver <db> <keys> <sandbox-env>");
    return 2;
}

var environment = File.ReadAllLines(environmentFile)
    .Select(static line => line.Split('=', 2))
    .Where(static parts => parts.Length == 2)
    .ToDictionary(static parts => parts[0], static parts => parts[1]);
var url = new Uri(environment["SANDBOX_URL"]);

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(environment
    .Where(static e => e.Key.StartsWith("PurchaseSdk__", StringComparison.Ordinal))
    .Select(static e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)));
builder.Services.AddPurchaseSdk(builder.Configuration.GetSection("PurchaseSdk"))
    .AddScout(o => { o.BaseAddress = new Uri(url, "scout/"); o.ApiAddress = o.BaseAddress; })
    .AddRundl(o => o.BaseAddress = new Uri(url, "rundl/api/"))
    .AddKit(o => o.BaseAddress = new Uri(url, "kit/"))
    .AddDrip(o => o.BaseAddress = new Uri(url, "drip/"))
    .AddElasticPath(o => o.BaseAddress = new Uri(url, "elasticpath/"))
    .AddDelivery(d => d.UseSqlite($"Data Source={database}").Configure(o =>
    {
        o.RunWorker = mode == "deliver";
        o.LeaseDuration = TimeSpan.FromSeconds(3);
        o.PollInterval = TimeSpan.FromMilliseconds(100);
        o.MaxConcurrency = 16;
        o.BatchSize = 16;
        o.RetryBaseDelay = TimeSpan.FromSeconds(1);
        o.RetryMaxDelay = TimeSpan.FromSeconds(1);
    }));
builder.Services.AddDataProtection()
    .PersistKeysToFileSystem(new DirectoryInfo(keys))
    .SetApplicationName("purchasesdk-crash-test");

using var host = builder.Build();
var output = Console.Out;

if (mode == "enqueue")
{
    var count = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
    var outbox = host.Services.GetRequiredService<IPurchaseOutbox>();
    for (var i = 0; i < count; i++)
    {
        var orderId = $"crash-{i:0000}";
        await outbox.EnqueueAsync(new Purchase
        {
            OrderId = orderId,
            Customer = new Customer { Email = "crash@example.com", Name = "Crash Test" },
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
