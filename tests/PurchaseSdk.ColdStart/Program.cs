// One Kit purchase reported ten times, one after the other, in a fresh process, then exit. The cold-start driver
// (tests/PurchaseSdk.Benchmarks, --cold-start) starts this program as a whole process many times and reads the line it
// prints at the end: Stopwatch timestamps (CLOCK_MONOTONIC, shared by every process on the machine) of entering Main,
// of being ready to send (services built), and of the first and the tenth completed report.
//
//   PurchaseSdk.ColdStart raw|peer|sdk <server-base-url> [reports]
//
// raw:  hand-written HttpClient code: map, serialise with a source-generated context, post, check, parse.
// peer: the provider's Refit interface with IHttpClientFactory and AddStandardResilienceHandler(), no facade.
// sdk:  services.AddPurchaseSdk().AddKit(...) and IPurchaseReporter.ReportAsync.
// All three use the SDK's primary handler settings (decompression on, no cookies, no redirects).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk;
using PurchaseSdk.Kit;
using Refit;

var main = Stopwatch.GetTimestamp();
if (args.Length < 2 || !Uri.TryCreate(args[1], UriKind.Absolute, out var server))
{
    Console.Error.WriteLine("usage: PurchaseSdk.ColdStart raw|peer|sdk <server-base-url> [reports]");
    return 2;
}

var reports = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var kitUrl = new Uri(server, "kit/");
var times = args[0] switch
{
    "raw" => await ColdStart.RawAsync(kitUrl, reports),
    "peer" => await ColdStart.PeerAsync(kitUrl, reports),
    "sdk" => await ColdStart.SdkAsync(kitUrl, reports),
    _ => null,
};
if (times is null)
{
    Console.Error.WriteLine("unknown mode " + args[0]);
    return 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"coldstart main={main} ready={times.Ready} first={times.First} last={times.Last} reports={reports} jitus_first={times.JitFirst.Micros} jitn_first={times.JitFirst.Methods} jitus_last={times.JitLast.Micros} jitn_last={times.JitLast.Methods}"));
return 0;

internal sealed record Times(long Ready, long First, long Last, Jit JitFirst, Jit JitLast);

/// <summary>The JIT's work so far in this process: methods compiled and the time spent compiling them.</summary>
internal readonly record struct Jit(long Methods, long Micros)
{
    public static Jit Now() => new(System.Runtime.JitInfo.GetCompiledMethodCount(), (long)System.Runtime.JitInfo.GetCompilationTime().TotalMicroseconds);
}

internal static class ColdStart
{
    private const string Token = "coldstart-kit-token";

    // Each mode in methods of its own: running one never JIT-compiles or loads what only another needs.
    public static async Task<Times> RawAsync(Uri kitUrl, int reports)
    {
        using var client = new HttpClient(NewPrimaryHandler());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var url = new Uri(kitUrl, "v4/purchases");
        var json = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var ready = Stopwatch.GetTimestamp();
        long first = 0;
        var jitFirst = default(Jit);
        for (var i = 0; i < reports; i++)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(HandWritten.Map(Purchase(i)), KitJson.Envelope);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = json;
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            var answer = await JsonSerializer.DeserializeAsync(stream, KitJson.Envelope);
            _ = answer!.Purchase!.Id ?? throw new InvalidOperationException("No purchase id.");
            if (first == 0)
            {
                first = Stopwatch.GetTimestamp();
                jitFirst = Jit.Now();
            }
        }

        return new Times(ready, first, Stopwatch.GetTimestamp(), jitFirst, Jit.Now());
    }

    public static async Task<Times> PeerAsync(Uri kitUrl, int reports)
    {
        var services = new ServiceCollection();
        services.AddRefitGeneratedClient<IKitApi>(KitJson.Context)
            .ConfigureHttpClient(c =>
            {
                c.BaseAddress = kitUrl;
                c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            })
            .ConfigurePrimaryHttpMessageHandler(NewPrimaryHandler)
            .AddStandardResilienceHandler();
        await using var provider = services.BuildServiceProvider();
        var kit = provider.GetRequiredService<IKitApi>();
        var ready = Stopwatch.GetTimestamp();
        long first = 0;
        var jitFirst = default(Jit);
        for (var i = 0; i < reports; i++)
        {
            var created = await kit.CreatePurchaseAsync(HandWritten.Map(Purchase(i)));
            _ = created.Purchase!.Id ?? throw new InvalidOperationException("No purchase id.");
            if (first == 0)
            {
                first = Stopwatch.GetTimestamp();
                jitFirst = Jit.Now();
            }
        }

        return new Times(ready, first, Stopwatch.GetTimestamp(), jitFirst, Jit.Now());
    }

    public static async Task<Times> SdkAsync(Uri kitUrl, int reports)
    {
        var services = new ServiceCollection();
        services.AddPurchaseSdk().AddKit(o =>
        {
            o.BaseAddress = kitUrl;
            o.AccessToken = Token;
        });
        await using var provider = services.BuildServiceProvider();
        var reporter = provider.GetRequiredService<IPurchaseReporter>();
        var ready = Stopwatch.GetTimestamp();
        long first = 0;
        var jitFirst = default(Jit);
        for (var i = 0; i < reports; i++)
        {
            var report = await reporter.ReportAsync(Purchase(i));
            if (!report.Succeeded)
            {
                throw new InvalidOperationException(report.ToString());
            }

            if (first == 0)
            {
                first = Stopwatch.GetTimestamp();
                jitFirst = Jit.Now();
            }
        }

        return new Times(ready, first, Stopwatch.GetTimestamp(), jitFirst, Jit.Now());
    }

    private static SocketsHttpHandler NewPrimaryHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = DecompressionMethods.All,
        UseCookies = false,
        AllowAutoRedirect = false,
    };

    private static Purchase Purchase(int number) => new()
    {
        OrderId = "coldstart-" + number.ToString(CultureInfo.InvariantCulture),
        Customer = new Customer { Email = "ada@example.com", Name = "Ada Buyer" },
        Currency = "USD",
        OccurredAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero),
        Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "765432", LineId = "1", Quantity = 1, UnitPrice = 49m }],
        Tax = 3.43m,
    };
}

/// <summary>The mapping a user would write for Kit: the fields the SDK's Kit mapper sends.</summary>
internal static class HandWritten
{
    public static KitPurchaseEnvelope Map(Purchase purchase)
    {
        var products = new KitProduct[purchase.Lines.Count];
        for (var i = 0; i < products.Length; i++)
        {
            var line = purchase.Lines[i];
            products[i] = new KitProduct
            {
                Name = line.Name,
                ProductId = line.ProductId ?? line.Sku ?? line.Name,
                LineId = line.LineId ?? (i + 1).ToString(CultureInfo.InvariantCulture),
                Quantity = line.Quantity,
                UnitPrice = line.UnitPrice,
                Sku = line.Sku,
            };
        }

        return new KitPurchaseEnvelope
        {
            Purchase = new KitPurchase
            {
                EmailAddress = purchase.Customer?.Email?.Trim(),
                TransactionId = purchase.OrderId,
                Status = purchase.Status ?? "paid",
                Subtotal = purchase.Subtotal,
                Tax = purchase.Tax,
                Shipping = purchase.Shipping,
                Discount = purchase.Discount,
                Total = purchase.Total,
                Currency = purchase.Currency.ToUpperInvariant(),
                TransactionTime = purchase.OccurredAt,
                Products = products,
            },
        };
    }
}

/// <summary>
/// The Kit package's own source-generated JSON context (internal there). A context of this program cannot be generated
/// for Kit's wire types (they name an internal converter), so raw and peer take the SDK's through one reflection
/// look-up at start-up (well under a millisecond) and serialise exactly as the SDK does.
/// </summary>
internal static class KitJson
{
    public static JsonSerializerContext Context { get; } =
        (JsonSerializerContext)(typeof(KitOptions).Assembly.GetType("PurchaseSdk.Kit.KitJsonContext", throwOnError: true)!
            .GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)
            ?? throw new InvalidOperationException("No KitJsonContext.Default."));

    public static JsonTypeInfo<KitPurchaseEnvelope> Envelope { get; } =
        (JsonTypeInfo<KitPurchaseEnvelope>)Context.GetTypeInfo(typeof(KitPurchaseEnvelope))!;
}
