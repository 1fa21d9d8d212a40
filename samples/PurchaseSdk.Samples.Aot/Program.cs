// A Native AOT program: reports one purchase to all five providers at the base URL given on the command line, laid
// out as PurchaseSandbox lays them out (/scout, /rundl/api, /kit, /drip, /elasticpath). Credentials come from
// environment variables (PurchaseSdk__Kit__AccessToken, ...; Sample__ScoutUserId and Sample__ScoutAccessToken for
// the Scout user). Exits 0 when all five succeeded.
//
//   dotnet publish samples/PurchaseSdk.Samples.Aot -c Release -r linux-x64 -o artifacts/aot
//   dotnet run --project samples/PurchaseSdk.Samples.Console -- --serve sandbox.env   (a sandbox, and its credentials)
//   set -a; . ./sandbox.env; set +a; artifacts/aot/PurchaseSdk.Samples.Aot "$SANDBOX_URL"
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;

if (args.Length != 1 || !Uri.TryCreate(args[0].EndsWith('/') ? args[0] : args[0] + "/", UriKind.Absolute, out var baseUrl))
{
    Console.Error.WriteLine("usage: PurchaseSdk.Samples.Aot <base-url>   (credentials in PurchaseSdk__* environment variables)");
    return 2;
}

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var services = new ServiceCollection();
services.AddPurchaseSdk(configuration.GetSection("PurchaseSdk"))
    .AddScout(o => { o.BaseAddress = new Uri(baseUrl, "scout/"); o.ApiAddress = o.BaseAddress; })
    .AddRundl(o => o.BaseAddress = new Uri(baseUrl, "rundl/api/"))
    .AddKit(o => o.BaseAddress = new Uri(baseUrl, "kit/"))
    .AddDrip(o => o.BaseAddress = new Uri(baseUrl, "drip/"))
    .AddElasticPath(o => o.BaseAddress = new Uri(baseUrl, "elasticpath/"));
await using var provider = services.BuildServiceProvider();

var sample = configuration.GetSection("Sample");
var purchase = new Purchase
{
    OrderId = "aot-" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
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

var report = await provider.GetRequiredService<IPurchaseReporter>().ReportAsync(purchase);
foreach (var outcome in report.Outcomes)
{
    Console.WriteLine(outcome);
}

var allSucceeded = report.Outcomes.Count == 5 && report.Outcomes.All(static o => o.Status == ProviderOutcomeStatus.Succeeded);
Console.WriteLine(allSucceeded ? "native AOT sample: all five providers succeeded" : "native AOT sample: not every provider succeeded");
return allSucceeded ? 0 : 1;
