using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Drip;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Http;
using PurchaseSdk.Kit;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;
using Refit;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// The three ways to report a purchase that every benchmark compares, pointed at the same provider server:
/// <list type="bullet">
/// <item><b>raw</b>: hand-written <see cref="HttpClient"/> code doing the same work per call as the SDK: map the
/// purchase, serialise it with the provider's source-generated context, post it, check the status, parse the answer;
/// on a <see cref="SocketsHttpHandler"/> with the SDK's settings (decompression on, no cookies, no redirects).</item>
/// <item><b>peer</b>: what a user who does not take the SDK would write: the provider's Refit interface registered
/// with IHttpClientFactory (<c>AddRefitGeneratedClient</c>, the provider's JSON context, Refit's other defaults) and
/// <c>AddStandardResilienceHandler()</c>, the credential as a default header, the same primary handler settings;
/// the same mapping per call; no facade.</item>
/// <item><b>SDK</b>: <see cref="IPurchaseReporter.ReportAsync(Purchase, CancellationToken)"/> with the provider added.</item>
/// </list>
/// </summary>
internal sealed class Scenario : IAsyncDisposable
{
    public const string KitToken = "bench-kit-token";
    public const string DripKey = "bench-drip-key";
    public const string DripAccount = "9999999";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly SocketsHttpHandler _rawHandler;

    private Scenario(BenchServer server, ServiceProvider services, ServiceProvider peer)
    {
        Server = server;
        Services = services;
        PeerServices = peer;
        Reporter = services.GetRequiredService<IPurchaseReporter>();
        PeerKit = peer.GetRequiredService<IKitApi>();
        PeerDrip = peer.GetRequiredService<IDripApi>();
        _rawHandler = NewPrimaryHandler();
        RawKit = new HttpClient(_rawHandler, disposeHandler: false);
        RawKit.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KitToken);
        RawDrip = new HttpClient(_rawHandler, disposeHandler: false);
        RawDrip.DefaultRequestHeaders.Authorization = DripAuthorization();
        KitUrl = new Uri(server.Provider("kit/"), "v4/purchases");
        DripUrl = server.Provider("drip/");
    }

    public BenchServer Server { get; }

    public ServiceProvider Services { get; }

    public ServiceProvider PeerServices { get; }

    public IPurchaseReporter Reporter { get; }

    public IKitApi PeerKit { get; }

    public IDripApi PeerDrip { get; }

    public HttpClient RawKit { get; }

    public HttpClient RawDrip { get; }

    public Uri KitUrl { get; }

    public Uri DripUrl { get; }

    /// <summary>Starts (or joins) a server and builds the SDK with the given providers (Kit, Drip, Scout, Rundl, ElasticPath), and the peer.</summary>
    public static async Task<Scenario> StartAsync(TimeSpan serverDelay, params string[] providers)
    {
        var server = await BenchServer.AcquireAsync(serverDelay);
        Console.WriteLine(server.OutOfProcess
            ? $"// provider server: {server.Url} (its own process)"
            : $"// provider server: {server.Url} (in this process: allocations include the server's)");
        var services = new ServiceCollection();
        var sdk = services.AddPurchaseSdk();
        foreach (var provider in providers)
        {
            _ = provider switch
            {
                "Kit" => sdk.AddKit(o => { o.BaseAddress = server.Provider("kit/"); o.AccessToken = KitToken; NeverBinding(o); }),
                "Drip" => sdk.AddDrip(o => { o.BaseAddress = server.Provider("drip/"); o.AccountId = DripAccount; o.ApiKey = DripKey; NeverBinding(o); }),
                "Scout" => sdk.AddScout(o => { o.BaseAddress = server.Provider("scout/"); o.ApiKey = "bench-scout-key"; NeverBinding(o); }),
                "Rundl" => sdk.AddRundl(o => { o.BaseAddress = server.Provider("rundl/api/"); o.AccessToken = "bench-rundl-token"; NeverBinding(o); }),
                _ => sdk.AddElasticPath(o => { o.BaseAddress = server.Provider("elasticpath/"); o.ClientId = "bench"; o.ClientSecret = "bench-secret"; NeverBinding(o); }),
            };
        }

        return new Scenario(server, services.BuildServiceProvider(), BuildPeer(server.Url));
    }

    /// <summary>
    /// Keeps the provider's request budget in the pipeline (its cost is part of what is measured) but far above what a
    /// benchmark sends: Kit's documented 600 a minute would otherwise be the throughput.
    /// </summary>
    internal static void NeverBinding(PurchaseSdk.Http.PurchaseProviderOptions options) =>
        options.RateLimit = PurchaseSdk.Http.ProviderRateLimitOptions.Of(1_000_000_000, TimeSpan.FromSeconds(1));

    /// <summary>The peer: Refit's generated clients on IHttpClientFactory with the standard resilience handler.</summary>
    public static ServiceProvider BuildPeer(Uri serverUrl, bool resilience = true)
    {
        var peer = new ServiceCollection();
        var kit = peer.AddRefitGeneratedClient<IKitApi>(KitJsonContext.Default)
            .ConfigureHttpClient(c =>
            {
                c.BaseAddress = new Uri(serverUrl, "kit/");
                c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KitToken);
            })
            .ConfigurePrimaryHttpMessageHandler(NewPrimaryHandler);
        var drip = peer.AddRefitGeneratedClient<IDripApi>(DripJsonContext.Default)
            .ConfigureHttpClient(c =>
            {
                c.BaseAddress = new Uri(serverUrl, "drip/");
                c.DefaultRequestHeaders.Authorization = DripAuthorization();
            })
            .ConfigurePrimaryHttpMessageHandler(NewPrimaryHandler);
        if (resilience)
        {
            kit.AddStandardResilienceHandler();
            drip.AddStandardResilienceHandler();
        }

        return peer.BuildServiceProvider();
    }

    /// <summary>The primary handler settings the SDK uses (ProviderRegistrationExtensions), for raw and peer alike.</summary>
    public static SocketsHttpHandler NewPrimaryHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = DecompressionMethods.All,
        UseCookies = false,
        AllowAutoRedirect = false,
    };

    private static AuthenticationHeaderValue DripAuthorization() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(DripKey + ":")));

    /// <summary>A one-line purchase with every provider's context.</summary>
    public static Purchase Purchase(int number) => new()
    {
        OrderId = "bench-" + number,
        Customer = new Customer { Email = "ada@example.com", Name = "Ada Buyer" },
        Currency = "USD",
        OccurredAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero),
        Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "765432", LineId = "1", Quantity = 1, UnitPrice = 49m }],
        Tax = 3.43m,
        Contexts =
        {
            new ScoutUserContext(1, "bench-user-token"),
            new RundlCheckoutContext { AccountId = 17357980, ServiceId = 30798101, ProductId = 30798131 },
            new ElasticPathCheckoutContext { CartReference = "cart-1", AccountId = "account-1" },
        },
    };

    /// <summary>Raw Kit: map, serialise, post, check, parse Kit's answer (same context as the SDK's client).</summary>
    public async Task<long?> RawKitAsync(Purchase purchase)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(KitPurchaseMapper.Map(purchase, "paid"), KitJsonContext.Default.KitPurchaseEnvelope);
        using var request = new HttpRequestMessage(HttpMethod.Post, KitUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        using var response = await RawKit.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        var answer = await JsonSerializer.DeserializeAsync(stream, KitJsonContext.Default.KitPurchaseEnvelope);
        return answer!.Purchase!.Id;
    }

    /// <summary>Raw Drip: map, serialise, post with Basic credentials, expect a success (Drip answers <c>201 {}</c>).</summary>
    public async Task<HttpStatusCode> RawDripAsync(Purchase purchase)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(DripPurchaseMapper.Map(purchase), DripJsonContext.Default.DripPurchases);
        var url = new Uri(DripUrl, "v2/" + DripAccount + "/subscribers/" + Uri.EscapeDataString(purchase.Customer!.Email!) + "/purchases");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        using var response = await RawDrip.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.StatusCode;
    }

    /// <summary>Peer Kit: map, then the Refit client on IHttpClientFactory + standard resilience.</summary>
    public async Task<long?> PeerKitAsync(Purchase purchase)
    {
        var created = await PeerKit.CreatePurchaseAsync(KitPurchaseMapper.Map(purchase, "paid"));
        return created.Purchase!.Id;
    }

    /// <summary>Peer Drip: map, then the Refit client on IHttpClientFactory + standard resilience.</summary>
    public Task PeerDripAsync(Purchase purchase) =>
        PeerDrip.CreatePurchasesAsync(DripAccount, purchase.Customer!.Email!, DripPurchaseMapper.Map(purchase));

    /// <summary>The SDK: ReportAsync, failing loudly when a provider did not succeed.</summary>
    public async Task<PurchaseReport> SdkAsync(Purchase purchase, CancellationToken cancellationToken = default)
    {
        var report = await Reporter.ReportAsync(purchase, cancellationToken);
        return report.Succeeded ? report : throw new InvalidOperationException(report.ToString());
    }

    /// <summary>Raw, peer and SDK reporting <paramref name="purchase"/> to Kit, one call each: what the diagnostics compare.</summary>
    public Layer[] KitLayers(Purchase purchase) =>
    [
        new("raw", () => RawKitAsync(purchase)),
        new("peer", () => PeerKitAsync(purchase)),
        new("SDK", () => SdkAsync(purchase)),
    ];

    public async ValueTask DisposeAsync()
    {
        RawKit.Dispose();
        RawDrip.Dispose();
        _rawHandler.Dispose();
        await PeerServices.DisposeAsync();
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
