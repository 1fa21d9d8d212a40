using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PurchaseSdk.Delivery;
using PurchaseSdk.Drip;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;
using PurchaseSdk.Providers;
using PurchaseSdk.Testing;

namespace PurchaseSdk.Samples.Console;

/// <summary>
/// The console sample. Without provider settings (or with <c>--sandbox</c>) it reports to the in-process sandbox and
/// checks that everything behaved as shown; with <c>PurchaseSdk:*</c> settings it reports to the real providers.
/// </summary>
public static class SampleApp
{
    private const string HelpText = """
        PurchaseSdk console sample

          dotnet run --project samples/PurchaseSdk.Samples.Console [-- --sandbox | --help]

        With no provider settings, the sample starts PurchaseSandbox (an in-process emulation of Scout, Rundl, Kit,
        Drip and Elastic Path), reports a purchase to every one of them through AddPurchaseSdk(...), then shows a transient
        failure recovered by retry, a provider skipped for a missing context, a typed-client call, and durable
        delivery (purchases enqueued into a temporary SQLite file while Kit is down, delivered once when it is back).
        It exits 0 when everything behaved as shown. --sandbox forces this mode.

        To talk to the real providers, set PurchaseSdk settings in appsettings.json, user secrets or environment
        variables; only the providers you configure are used:
          PurchaseSdk:Kit:AccessToken                       Kit OAuth access token
          PurchaseSdk:Scout:ApiKey                          Scout application key
          PurchaseSdk:Rundl:AccessToken                     Rundl user token (PurchaseSdk:Rundl:Environment = Staging for staging)
          PurchaseSdk:Drip:AccountId, PurchaseSdk:Drip:ApiKey
          PurchaseSdk:ElasticPath:ClientId, PurchaseSdk:ElasticPath:ClientSecret, PurchaseSdk:ElasticPath:Region
        and the purchase's provider inputs under Sample:
          Sample:Email, Sample:Name                         the customer
          Sample:ScoutUserId, Sample:ScoutAccessToken       a Scout user (from Scout's OAuth flow)
          Sample:RundlAccountId, Sample:RundlServiceId, Sample:RundlProductId
          Sample:ElasticPathCartReference, Sample:ElasticPathAccountId

        For example:
          dotnet user-secrets --project samples/PurchaseSdk.Samples.Console set PurchaseSdk:Kit:AccessToken <token>
          export PurchaseSdk__Drip__AccountId=<id> PurchaseSdk__Drip__ApiKey=<key>

        Secrets are never printed.

        --dashboard [--urls <url>] serves the delivery dashboard (PurchaseSdk.Delivery.Dashboard) over the sandbox at
        http://127.0.0.1:5080/purchasesdk/ until Ctrl+C, after replaying a day of purchases into a SQLite outbox: some
        failed, some indeterminate, some pending. Only this machine can open it.

        --serve <file> [--latency-ms <n>] [--records <file>] runs the sandbox alone until the input closes (for the
        Native AOT sample and the crash test): it writes its address and the sandbox's test credentials as environment
        assignments to <file> and prints the address; with --latency-ms every provider holds each answer that long
        after processing; with --records it writes every stored record to that file when its input closes.
        """;

    /// <summary>Runs the sample and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            output.WriteLine(HelpText);
            return 0;
        }

        if (args.Contains("--dashboard"))
        {
            return await DashboardSample.RunAsync(args, output);
        }

        if (args is ["--serve", var environmentFile, .. var serveOptions])
        {
            var latency = Option(serveOptions, "--latency-ms") is { } ms && int.TryParse(ms, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0
                ? TimeSpan.FromMilliseconds(milliseconds)
                : TimeSpan.Zero;
            return await ServeAsync(environmentFile, latency, Option(serveOptions, "--records"), output);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args.Where(static a => a != "--sandbox").ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddUserSecrets(typeof(SampleApp).Assembly, optional: true);

        var configured = ConfiguredProviders(builder.Configuration);
        if (args.Contains("--sandbox") || configured.Count == 0)
        {
            return await RunWithSandboxAsync(builder, output);
        }

        return await RunWithRealProvidersAsync(builder, configured, output);
    }

    /// <summary>Runs a sandbox for another process: address and test credentials go to a file, not to the output.</summary>
    private static string? Option(string[] options, string name)
    {
        var index = Array.IndexOf(options, name);
        return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
    }

    private static async Task<int> ServeAsync(string environmentFile, TimeSpan latency, string? recordsFile, TextWriter output)
    {
        await using var sandbox = PurchaseSandbox.Start();
        if (latency > TimeSpan.Zero)
        {
            foreach (var provider in sandbox.Providers)
            {
                provider.FailNext(100_000, SandboxFault.Slow(latency));
            }
        }

        var c = sandbox.Credentials;
        await File.WriteAllLinesAsync(environmentFile,
        [
            $"SANDBOX_URL={sandbox.Url}",
            $"PurchaseSdk__Kit__AccessToken={c.KitAccessToken}",
            $"PurchaseSdk__Scout__ApiKey={c.ScoutApiKey}",
            $"PurchaseSdk__Rundl__AccessToken={c.RundlAccessToken}",
            $"PurchaseSdk__Drip__AccountId={c.DripAccountId}",
            $"PurchaseSdk__Drip__ApiKey={c.DripApiKey}",
            $"PurchaseSdk__ElasticPath__ClientId={c.ElasticPathClientId}",
            $"PurchaseSdk__ElasticPath__ClientSecret={c.ElasticPathClientSecret}",
            $"Sample__ScoutUserId={c.ScoutUserId}",
            $"Sample__ScoutAccessToken={c.ScoutUserAccessToken}",
        ]);
        output.WriteLine($"PurchaseSandbox serving at {sandbox.Url} until the input closes; settings in {environmentFile}.");
        await output.FlushAsync();
        await Task.Run(() => System.Console.In.ReadToEnd());
        if (recordsFile is not null)
        {
            // What each provider stored, one JSON record per line after the provider's name, for a test in another process.
            await File.WriteAllLinesAsync(recordsFile, sandbox.Providers.SelectMany(p => p.Records.Select(r => p.Name + " " + r.ToJsonString())));
        }

        return 0;
    }

    private static async Task<int> RunWithSandboxAsync(HostApplicationBuilder builder, TextWriter output)
    {
        await using var sandbox = PurchaseSandbox.Start();
        output.WriteLine($"No provider settings: using PurchaseSandbox at {sandbox.Url} (run with --help for the real providers).");

        AddEveryProvider(builder.Services.AddPurchaseSdk(builder.Configuration.GetSection("PurchaseSdk")))
            .UsePurchaseSandbox(sandbox);
        using var host = builder.Build();
        await host.StartAsync();
        var reporter = host.Services.GetRequiredService<IPurchaseReporter>();
        var problems = new List<string>();
        var providerCount = host.Services.GetServices<IPurchaseProvider>().Count();

        output.WriteLine();
        output.WriteLine($"1. One purchase, reported to all {providerCount} providers in parallel");
        var first = await reporter.ReportAsync(SamplePurchase("ORD-1001", sandbox.CreateContexts()));
        OutcomeTable.Write(output, first);
        Expect(problems, first.Outcomes.Count == providerCount && first.Succeeded && first.Outcomes.All(o => o.Status == ProviderOutcomeStatus.Succeeded), "step 1: every provider succeeds");

        output.WriteLine();
        output.WriteLine("2. Kit answers 503 once: the SDK retries (503 means it was not processed) and Kit records it once");
        sandbox.Kit.FailNext(1, SandboxFault.Status(503));
        var kitBefore = sandbox.Kit.RecordCount;
        var second = await reporter.ReportAsync(SamplePurchase("ORD-1002", sandbox.CreateContexts()));
        OutcomeTable.Write(output, second);
        Expect(problems, second["Kit"] is { Status: ProviderOutcomeStatus.Succeeded, Attempts: 2 } && sandbox.Kit.RecordCount == kitBefore + 1, "step 2: Kit succeeds on its second attempt, one record");

        output.WriteLine();
        output.WriteLine("3. A purchase without a Scout user: Scout is skipped, the others are not");
        var third = await reporter.ReportAsync(SamplePurchase("ORD-1003", sandbox.CreateContexts().Where(static c => c is not ScoutUserContext)));
        OutcomeTable.Write(output, third);
        Expect(problems, third["Scout"]?.Status == ProviderOutcomeStatus.Skipped && third.Outcomes.Count(o => o.Status == ProviderOutcomeStatus.Succeeded) == 4, "step 3: Scout skipped, four succeed");

        output.WriteLine();
        output.WriteLine("4. The typed Drip client lists the subscriber's purchases");
        var listed = new List<string?>();
        await foreach (var purchase in host.Services.GetRequiredService<IDripApi>().ListAllPurchasesAsync(sandbox.Credentials.DripAccountId, CustomerEmail))
        {
            listed.Add(purchase.OrderId);
            output.WriteLine($"  {purchase.OrderId,-10} {purchase.Amount,8} cents  {purchase.OccurredAt:u}");
        }

        Expect(problems, listed.SequenceEqual(["ORD-1001", "ORD-1002", "ORD-1003"]), "step 4: Drip lists the three purchases");

        await host.StopAsync();
        await DurableDeliveryStepAsync(sandbox, output, problems);
        output.WriteLine();
        if (problems.Count == 0)
        {
            output.WriteLine("Everything behaved as shown.");
            return 0;
        }

        output.WriteLine("Not as expected: " + string.Join("; ", problems));
        return 1;
    }

    /// <summary>The providers this sample reports to: the one list to extend when a provider is added.</summary>
    internal static IPurchaseSdkBuilder AddEveryProvider(IPurchaseSdkBuilder sdk, Action<PurchaseSdk.Http.PurchaseProviderOptions>? configure = null) =>
        sdk.AddScout(configure).AddRundl(configure).AddKit(configure).AddDrip(configure).AddElasticPath(configure);

    /// <summary>
    /// Step 5: the outbox. Purchases are enqueued into a temporary SQLite file (nothing is sent by EnqueueAsync); the
    /// hosted worker delivers them, Kit is down so its deliveries wait with their next attempt time, then Kit comes
    /// back and every purchase is recorded exactly once.
    /// </summary>
    private static async Task DurableDeliveryStepAsync(PurchaseSandbox sandbox, TextWriter output, List<string> problems)
    {
        output.WriteLine();
        output.WriteLine("5. Durable delivery: three purchases enqueued into a SQLite outbox while Kit is down (503)");
        var file = Path.Combine(Path.GetTempPath(), $"purchasesdk-sample-{Guid.NewGuid():N}.db");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // The outbox retries across attempts, so one request per attempt is enough here; it keeps the demo short.
        static void OneRequestPerAttempt(PurchaseSdk.Http.PurchaseProviderOptions o) => o.Resilience.MaxRetries = 0;
        AddEveryProvider(builder.Services.AddPurchaseSdk(), OneRequestPerAttempt)
            .UsePurchaseSandbox(sandbox)
            .AddDelivery(d => d.UseSqlite($"Data Source={file}").Configure(o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(200);
                o.RetryBaseDelay = TimeSpan.FromSeconds(2);
                o.RetryMaxDelay = TimeSpan.FromSeconds(2);
            }));

        // A demo key ring in memory; a real application persists its keys and shares them between instances (README).
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        try
        {
            using var host = builder.Build();
            var outbox = host.Services.GetRequiredService<IPurchaseOutbox>();
            var admin = host.Services.GetRequiredService<IPurchaseDeliveryAdmin>();
            var kitRecords = sandbox.Kit.RecordCount;
            var providerCount = host.Services.GetServices<IPurchaseProvider>().Count();
            sandbox.Kit.FailNext(10_000, SandboxFault.Status(503));
            await host.StartAsync();

            string[] orders = ["ORD-2001", "ORD-2002", "ORD-2003"];
            foreach (var orderId in orders)
            {
                var result = await outbox.EnqueueAsync(SamplePurchase(orderId, sandbox.CreateContexts("cart-" + orderId)));
                output.WriteLine($"  {result}: durable now, nothing sent yet");
            }

            var waiting = await WaitForAsync(admin, orders, providerCount, d => d.Provider != "Kit" ? d.State == DeliveryState.Succeeded : d is { State: DeliveryState.Pending, Attempts: >= 1 });
            output.WriteLine("  Kit is down: its deliveries wait for their next attempt, the other providers are done");
            WriteDeliveries(output, waiting.Where(static d => d.Provider == "Kit"));
            Expect(problems, waiting.Count == orders.Length * providerCount, "step 5: Kit pending with a next attempt time, the others delivered");

            output.WriteLine("  Kit is back:");
            sandbox.Kit.ClearFaults();
            var delivered = await WaitForAsync(admin, orders, providerCount, static d => d.State == DeliveryState.Succeeded);
            WriteDeliveries(output, delivered.Where(static d => d.Provider == "Kit"));
            var again = await outbox.EnqueueAsync(SamplePurchase(orders[0], sandbox.CreateContexts("cart-" + orders[0])));
            output.WriteLine($"  Enqueued again: {again}");
            Expect(
                problems,
                delivered.Count == orders.Length * providerCount && sandbox.Kit.RecordCount == kitRecords + orders.Length && again.AlreadyEnqueued,
                "step 5: every purchase delivered to every provider, Kit recorded each exactly once, a second enqueue changes nothing");
            await host.StopAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var leftover in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>Polls the admin API (the sample's own real-time loop) until every delivery of the orders matches, or 30 s pass.</summary>
    private static async Task<List<DeliveryRecord>> WaitForAsync(IPurchaseDeliveryAdmin admin, string[] orders, int providerCount, Func<DeliveryRecord, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var deliveries = new List<DeliveryRecord>();
            foreach (var orderId in orders)
            {
                deliveries.AddRange((await admin.GetOrderAsync(orderId))?.Deliveries ?? []);
            }

            if ((deliveries.Count == orders.Length * providerCount && deliveries.All(done)) || DateTime.UtcNow > deadline)
            {
                return deliveries.Where(done).ToList();
            }

            await Task.Delay(100);
        }
    }

    private static void WriteDeliveries(TextWriter output, IEnumerable<DeliveryRecord> deliveries)
    {
        output.WriteLine($"  {"Order",-10} {"Provider",-9} {"State",-10} {"Attempts",8}  {"Next attempt",-14} {"Reference / last error"}");
        foreach (var d in deliveries)
        {
            var next = d.NextAttemptAt is { } at ? $"in {(at - DateTimeOffset.UtcNow).TotalSeconds,4:0.0} s" : "-";
            var note = d.State == DeliveryState.Succeeded ? d.ProviderReference ?? "-" : d.LastError ?? "-";
            if (note.Length > 60)
            {
                note = note[..57] + "...";
            }

            output.WriteLine($"  {d.OrderId,-10} {d.Provider,-9} {d.State,-10} {d.Attempts,8}  {next,-14} {note}");
        }
    }

    private static async Task<int> RunWithRealProvidersAsync(HostApplicationBuilder builder, IReadOnlyCollection<string> providers, TextWriter output)
    {
        output.WriteLine($"Reporting to the configured providers: {string.Join(", ", providers)}.");
        var sdk = builder.Services.AddPurchaseSdk(builder.Configuration.GetSection("PurchaseSdk"));
        foreach (var provider in providers)
        {
            _ = provider switch
            {
                "Scout" => sdk.AddScout(),
                "Rundl" => sdk.AddRundl(),
                "Kit" => sdk.AddKit(),
                "Drip" => sdk.AddDrip(),
                _ => sdk.AddElasticPath(),
            };
        }

        using var host = builder.Build();
        await host.StartAsync();
        var sample = builder.Configuration.GetSection("Sample");
        var report = await host.Services.GetRequiredService<IPurchaseReporter>()
            .ReportAsync(SamplePurchase($"SAMPLE-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}", RealContexts(sample), sample["Email"], sample["Name"]));
        OutcomeTable.Write(output, report);
        await host.StopAsync();
        return report.Succeeded ? 0 : 1;
    }

    private const string CustomerEmail = "john+test@example.com";

    /// <summary>The seed documents' data: Kit's products and amounts, Drip's customer and provider, Scout's store.</summary>
    internal static Purchase SamplePurchase(string orderId, IEnumerable<object> contexts, string? email = null, string? name = null, DateTimeOffset? occurredAt = null)
    {
        var purchase = new Purchase
        {
            OrderId = orderId,
            Customer = new Customer { Email = email ?? CustomerEmail, Name = name ?? "John Doe" },
            Currency = "USD",
            Status = "paid",
            Source = "gumroad",
            Store = "Kith",
            Permalink = $"https://shop.example/orders/{orderId}",
            Tax = 7.87m,
            Shipping = 0m,
            Discount = 5m,
            OccurredAt = occurredAt ?? DateTimeOffset.UtcNow,
            Lines =
            [
                new PurchaseLine { Name = "Phantom Hourglass", ProductId = "804-02-4430", LineId = "811-75-7900", Quantity = 1, UnitPrice = 23.22m, Sku = "SM21-SH-M02-RD-S-001" },
                new PurchaseLine { Name = "Twilight Princess", ProductId = "833-51-1151", LineId = "766-49-1241", Quantity = 1, UnitPrice = 32.22m, Sku = "WT21-JK-M03-BK-L-012", Size = "L" },
                new PurchaseLine { Name = "Four Swords", ProductId = "217-99-4325", LineId = "563-95-8878", Quantity = 1, UnitPrice = 23.22m, Sku = "FL21-TS-M01-BL-M-020", Brand = "Nintendo" },
            ],
        };
        foreach (var context in contexts)
        {
            purchase.Contexts.Add(context);
        }

        return purchase;
    }

    private static List<string> ConfiguredProviders(IConfiguration configuration)
    {
        var section = configuration.GetSection("PurchaseSdk");
        var providers = new List<string>();
        void When(bool configured, string provider)
        {
            if (configured)
            {
                providers.Add(provider);
            }
        }

        When(!string.IsNullOrWhiteSpace(section["Scout:ApiKey"]), "Scout");
        When(!string.IsNullOrWhiteSpace(section["Rundl:AccessToken"]), "Rundl");
        When(!string.IsNullOrWhiteSpace(section["Kit:AccessToken"]), "Kit");
        When(!string.IsNullOrWhiteSpace(section["Drip:ApiKey"]) || !string.IsNullOrWhiteSpace(section["Drip:AccessToken"]), "Drip");
        When(!string.IsNullOrWhiteSpace(section["ElasticPath:ClientId"]), "ElasticPath");
        return providers;
    }

    private static IEnumerable<object> RealContexts(IConfiguration sample)
    {
        if (long.TryParse(sample["ScoutUserId"], out var scoutUser) && sample["ScoutAccessToken"] is { Length: > 0 } scoutToken)
        {
            yield return new ScoutUserContext(scoutUser, scoutToken);
        }

        if (long.TryParse(sample["RundlAccountId"], out var account) && long.TryParse(sample["RundlServiceId"], out var service) && long.TryParse(sample["RundlProductId"], out var product))
        {
            yield return new RundlCheckoutContext { AccountId = account, ServiceId = service, ProductId = product };
        }

        if (sample["ElasticPathCartReference"] is { Length: > 0 } cart)
        {
            yield return new ElasticPathCheckoutContext { CartReference = cart, AccountId = sample["ElasticPathAccountId"] };
        }
    }

    private static void Expect(List<string> problems, bool condition, string description)
    {
        if (!condition)
        {
            problems.Add(description);
        }
    }
}
