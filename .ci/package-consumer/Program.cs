// A NuGet user's first program: every package from the local feed, registered with AddPurchaseSdk(), reporting
// one purchase through the sandbox, then enqueueing one into a SQLite outbox and letting the worker deliver it.
// Exits non-zero when anything is off.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PurchaseSdk;
using PurchaseSdk.Delivery;
using PurchaseSdk.Testing;

var expectedVersion = args.Length > 0 ? args[0] : null;
await using var sandbox = PurchaseSandbox.Start();

var services = new ServiceCollection();
services.AddPurchaseSdk()
    .AddScout().AddRundl().AddKit().AddDrip().AddElasticPath()
    .UsePurchaseSandbox(sandbox);
await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

var purchase = new Purchase
{
    OrderId = "consumer-1",
    Customer = new Customer { Email = "consumer@example.com", Name = "Package Consumer" },
    Currency = "USD",
    Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "765432", Quantity = 2, UnitPrice = 24.50m }],
    Tax = 1.25m,
};
foreach (var context in sandbox.CreateContexts())
{
    purchase.Contexts.Add(context);
}

var report = await provider.GetRequiredService<IPurchaseReporter>().ReportAsync(purchase);
Console.WriteLine(report);

var problems = new List<string>();
if (report.Outcomes.Count != provider.GetServices<PurchaseSdk.Providers.IPurchaseProvider>().Count() || !report.Outcomes.All(o => o.Status == ProviderOutcomeStatus.Succeeded))
{
    problems.Add("not every provider succeeded");
}

foreach (var emulated in sandbox.Providers)
{
    if (emulated.RecordCount == 0)
    {
        problems.Add(emulated.Name + " stored nothing");
    }
}

var userAgent = sandbox.Kit.Requests.Single().Headers["User-Agent"];
if (expectedVersion is not null && (PurchaseSdkTelemetry.Version != expectedVersion || !userAgent.StartsWith("PurchaseSdk/" + expectedVersion + " (", StringComparison.Ordinal)))
{
    problems.Add($"version {PurchaseSdkTelemetry.Version} / User-Agent '{userAgent}' is not {expectedVersion}");
}

// Durable delivery from the packages: enqueue, then the hosted worker delivers to every provider.
var outboxFile = Path.Combine(Path.GetTempPath(), $"purchasesdk-consumer-{Guid.NewGuid():N}.db");
var durable = new ServiceCollection();
durable.AddPurchaseSdk()
    .AddScout().AddRundl().AddKit().AddDrip().AddElasticPath()
    .UsePurchaseSandbox(sandbox)
    .AddDelivery(d => d.UseSqlite($"Data Source={outboxFile}").Configure(o => o.PollInterval = TimeSpan.FromMilliseconds(100)));
durable.AddDataProtection().UseEphemeralDataProtectionProvider();
await using (var delivering = durable.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }))
{
    var second = new Purchase { OrderId = "consumer-2", Customer = purchase.Customer, Currency = "USD", Lines = purchase.Lines };
    foreach (var context in sandbox.CreateContexts("consumer-cart-2"))
    {
        second.Contexts.Add(context);
    }

    var enqueued = await delivering.GetRequiredService<IPurchaseOutbox>().EnqueueAsync(second);
    Console.WriteLine(enqueued);
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

    var deliveries = (await admin.GetOrderAsync("consumer-2"))?.Deliveries ?? [];
    foreach (var delivery in deliveries)
    {
        Console.WriteLine(delivery);
    }

    if (deliveries.Count != delivering.GetServices<PurchaseSdk.Providers.IPurchaseProvider>().Count() || deliveries.Any(d => d.State != DeliveryState.Succeeded))
    {
        problems.Add("the outbox did not deliver consumer-2 to every provider");
    }
}

SqliteConnection.ClearAllPools();
foreach (var leftover in new[] { outboxFile, outboxFile + "-wal", outboxFile + "-shm" })
{
    File.Delete(leftover);
}

// The delivery dashboard from its package: mapped into a web application on this machine, its page and JSON served.
var dashboardFile = Path.Combine(Path.GetTempPath(), $"purchasesdk-consumer-dashboard-{Guid.NewGuid():N}.db");
var web = WebApplication.CreateSlimBuilder();
web.WebHost.UseUrls("http://127.0.0.1:0");
web.Services.AddPurchaseSdk().AddKit().UsePurchaseSandbox(sandbox).AddDelivery(d => d.UseSqlite($"Data Source={dashboardFile}"));
web.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
web.Services.AddPurchaseDeliveryDashboard();
await using (var app = web.Build())
{
    app.MapPurchaseDeliveryDashboard("/purchasesdk");
    await app.StartAsync();
    using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/purchasesdk/") };
    var page = await http.GetStringAsync("");
    var overview = await http.GetStringAsync("api/overview");
    Console.WriteLine("dashboard overview: " + overview);
    if (!page.Contains("assets/dashboard.js", StringComparison.Ordinal) || !overview.Contains("\"totals\"", StringComparison.Ordinal))
    {
        problems.Add("the dashboard did not serve its page and overview");
    }

    await app.StopAsync();
}

SqliteConnection.ClearAllPools();
foreach (var leftover in new[] { dashboardFile, dashboardFile + "-wal", dashboardFile + "-shm" })
{
    File.Delete(leftover);
}

// The PostgreSQL store from its package: registered and validated (no server here; the tests run one), and its schema
// script for DBAs.
var postgres = new ServiceCollection();
postgres.AddPurchaseSdk().AddKit().UsePurchaseSandbox(sandbox)
    .AddDelivery(d => d.UsePostgreSql("Host=127.0.0.1;Port=5432;Database=shop;Username=shop;Password=consumer-never-printed"));
postgres.AddDataProtection().UseEphemeralDataProtectionProvider();
await using (var withPostgres = postgres.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }))
{
    if (withPostgres.GetRequiredService<IPurchaseOutbox>() is null)
    {
        problems.Add("no outbox on the PostgreSQL store");
    }
}

if (!PurchaseSdk.Delivery.PostgreSql.PostgreSqlDeliveryStore.GetSchemaScript().Contains("CREATE TABLE purchasesdk.deliveries", StringComparison.Ordinal))
{
    problems.Add("the PostgreSQL schema script is missing");
}

Console.WriteLine(problems.Count == 0 ? "package consumer: ok" : "package consumer: " + string.Join("; ", problems));
return problems.Count == 0 ? 0 : 1;
