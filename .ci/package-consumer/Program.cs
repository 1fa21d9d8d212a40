// A NuGet user's first program: every package from the local feed, registered with AddPurchaseSdk(), reporting
// one purchase through the sandbox. Exits non-zero when anything is off.
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk;
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
if (report.Outcomes.Count != 5 || !report.Outcomes.All(o => o.Status == ProviderOutcomeStatus.Succeeded))
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

Console.WriteLine(problems.Count == 0 ? "package consumer: ok" : "package consumer: " + string.Join("; ", problems));
return problems.Count == 0 ? 0 : 1;
