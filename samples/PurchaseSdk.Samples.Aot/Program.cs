// A Native AOT program: reports one purchase to every provider at the base URL given on the command line, laid
// out as PurchaseSandbox lays them out (/scout, /rundl/api, /kit, /drip, /elasticpath), then enqueues a second one
// into a SQLite outbox (durable delivery) and lets the worker deliver it. Credentials come from environment variables
// (PurchaseSdk__Kit__AccessToken, ...; Sample__ScoutUserId and Sample__ScoutAccessToken for the Scout user). Exits 0
// when every provider succeeded both times.
//
//   dotnet publish samples/PurchaseSdk.Samples.Aot -c Release -r linux-x64 -o artifacts/aot
//   dotnet run --project samples/PurchaseSdk.Samples.Console -- --serve sandbox.env   (a sandbox, and its credentials)
//   set -a; . ./sandbox.env; set +a; artifacts/aot/PurchaseSdk.Samples.Aot "$SANDBOX_URL"
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PurchaseSdk;
using PurchaseSdk.Delivery;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;

if (args.Length != 1 || !Uri.TryCreate(args[0].EndsWith('/') ? args[0] : args[0] + "/", UriKind.Absolute, out var baseUrl))
{
    Console.Error.WriteLine("usage: PurchaseSdk.Samples.Aot <base-url>   (credentials in PurchaseSdk__* environment variables)");
    return 2;
}

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
IPurchaseSdkBuilder AddProviders(IServiceCollection services) =>
    services.AddPurchaseSdk(configuration.GetSection("PurchaseSdk"))
        .AddScout(o => { o.BaseAddress = new Uri(baseUrl, "scout/"); o.ApiAddress = o.BaseAddress; })
        .AddRundl(o => o.BaseAddress = new Uri(baseUrl, "rundl/api/"))
        .AddKit(o => o.BaseAddress = new Uri(baseUrl, "kit/"))
        .AddDrip(o => o.BaseAddress = new Uri(baseUrl, "drip/"))
        .AddElasticPath(o => o.BaseAddress = new Uri(baseUrl, "elasticpath/"));

var services = new ServiceCollection();
AddProviders(services);
await using var provider = services.BuildServiceProvider();

var sample = configuration.GetSection("Sample");
Purchase NewPurchase(string orderId) => new()
{
    OrderId = orderId,
    Customer = new Customer { Email = "aot@example.com", Name = "Native Buyer" },
    Currency = "USD",
    Source = "aot-sample",
    Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "765432", Quantity = 1, UnitPrice = 49m }],
    Tax = 3.43m,
    Contexts =
    {
        new ScoutUserContext(long.TryParse(sample["ScoutUserId"], out var scoutUser) ? scoutUser : 0, sample["ScoutAccessToken"] ?? string.Empty),
        new RundlCheckoutContext { AccountId = 17357980, ServiceId = 30798101, ProductId = 30798131 },
        new ElasticPathCheckoutContext { CartReference = "aot-cart", AccountId = "aot-account" },
    },
};

var purchase = NewPurchase("aot-" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

var report = await provider.GetRequiredService<IPurchaseReporter>().ReportAsync(purchase);
foreach (var outcome in report.Outcomes)
{
    Console.WriteLine(outcome);
}

var providerCount = provider.GetServices<PurchaseSdk.Providers.IPurchaseProvider>().Count();
var allSucceeded = report.Outcomes.Count == providerCount && report.Outcomes.All(static o => o.Status == ProviderOutcomeStatus.Succeeded);

// Durable delivery: enqueue into a SQLite outbox, then the hosted worker delivers to every provider.
var outboxFile = Path.Combine(Path.GetTempPath(), $"purchasesdk-aot-{Guid.NewGuid():N}.db");
var durable = new ServiceCollection();
AddProviders(durable).AddDelivery(d => d.UseSqlite($"Data Source={outboxFile}").Configure(o => o.PollInterval = TimeSpan.FromMilliseconds(100)));
durable.AddDataProtection().UseEphemeralDataProtectionProvider();
var delivered = false;
await using (var delivering = durable.BuildServiceProvider())
{
    var orderId = purchase.OrderId + "-outbox";
    Console.WriteLine(await delivering.GetRequiredService<IPurchaseOutbox>().EnqueueAsync(NewPurchase(orderId)));
    var hosted = delivering.GetServices<IHostedService>().ToList();
    foreach (var service in hosted)
    {
        await service.StartAsync(CancellationToken.None);
    }

    var admin = delivering.GetRequiredService<IPurchaseDeliveryAdmin>();
    var deadline = DateTime.UtcNow.AddSeconds(30);
    while (await admin.CountAsync(new DeliveryFilter { State = DeliveryState.Pending }) > 0 && DateTime.UtcNow < deadline)
    {
        await Task.Delay(100);
    }

    foreach (var service in hosted)
    {
        await service.StopAsync(CancellationToken.None);
    }

    var deliveries = (await admin.GetOrderAsync(orderId))?.Deliveries ?? [];
    foreach (var delivery in deliveries)
    {
        Console.WriteLine(delivery);
    }

    delivered = deliveries.Count == providerCount && deliveries.All(static d => d.State == DeliveryState.Succeeded);
}

Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
foreach (var leftover in new[] { outboxFile, outboxFile + "-wal", outboxFile + "-shm" })
{
    File.Delete(leftover);
}

Console.WriteLine(allSucceeded && delivered
    ? "native AOT sample: every provider succeeded, reported and through the outbox"
    : $"native AOT sample: not every provider succeeded (reported: {allSucceeded}, outbox: {delivered})");
return allSucceeded && delivered ? 0 : 1;
