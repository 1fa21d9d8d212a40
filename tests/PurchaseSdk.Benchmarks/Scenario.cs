using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Drip;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Kit;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;

namespace PurchaseSdk.Benchmarks;

/// <summary>The SDK and its hand-written baseline, pointed at the same <see cref="ProviderServer"/>.</summary>
internal sealed class Scenario : IAsyncDisposable
{
    public const string KitToken = "bench-kit-token";
    public const string DripKey = "bench-drip-key";

    private Scenario(ProviderServer server, ServiceProvider services)
    {
        Server = server;
        Services = services;
        Reporter = services.GetRequiredService<IPurchaseReporter>();
        Raw = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), UseCookies = false, AllowAutoRedirect = false });
        var purchase = Purchase(0);
        KitBytes = JsonSerializer.SerializeToUtf8Bytes(KitPurchaseMapper.Map(purchase, "paid"), BaselineJson.Default.KitPurchaseEnvelope);
        DripBytes = JsonSerializer.SerializeToUtf8Bytes(DripPurchaseMapper.Map(purchase), BaselineJson.Default.DripPurchases);
        KitUrl = new Uri(server.Provider("kit/"), "v4/purchases");
        DripUrl = new Uri(server.Provider("drip/"), "v2/9999999/subscribers/ada%40example.com/purchases");
    }

    public ProviderServer Server { get; }

    public ServiceProvider Services { get; }

    public IPurchaseReporter Reporter { get; }

    public HttpClient Raw { get; }

    public byte[] KitBytes { get; }

    public byte[] DripBytes { get; }

    public Uri KitUrl { get; }

    public Uri DripUrl { get; }

    /// <summary>Starts a server and an SDK with the given providers (Kit, Drip, Scout, Rundl, ElasticPath).</summary>
    public static async Task<Scenario> StartAsync(TimeSpan serverDelay, params string[] providers)
    {
        var server = await ProviderServer.StartAsync(serverDelay);
        var services = new ServiceCollection();
        var sdk = services.AddPurchaseSdk();
        foreach (var provider in providers)
        {
            _ = provider switch
            {
                "Kit" => sdk.AddKit(o => { o.BaseAddress = server.Provider("kit/"); o.AccessToken = KitToken; }),
                "Drip" => sdk.AddDrip(o => { o.BaseAddress = server.Provider("drip/"); o.AccountId = "9999999"; o.ApiKey = DripKey; }),
                "Scout" => sdk.AddScout(o => { o.BaseAddress = server.Provider("scout/"); o.ApiKey = "bench-scout-key"; }),
                "Rundl" => sdk.AddRundl(o => { o.BaseAddress = server.Provider("rundl/api/"); o.AccessToken = "bench-rundl-token"; }),
                _ => sdk.AddElasticPath(o => { o.BaseAddress = server.Provider("elasticpath/"); o.ClientId = "bench"; o.ClientSecret = "bench-secret"; }),
            };
        }

        return new Scenario(server, services.BuildServiceProvider());
    }

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

    /// <summary>The hand-written Kit call: the same bytes, parsed with a source-generated context.</summary>
    public async Task<long?> RawKitAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, KitUrl) { Content = new ByteArrayContent(KitBytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KitToken);
        using var response = await Raw.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var answer = await JsonSerializer.DeserializeAsync(body, BaselineJson.Default.KitPurchaseEnvelope);
        return answer!.Purchase!.Id;
    }

    /// <summary>The hand-written Drip call: the same bytes, Basic auth, a 201 expected.</summary>
    public async Task<HttpStatusCode> RawDripAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, DripUrl) { Content = new ByteArrayContent(DripBytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(DripKey + ":")));
        using var response = await Raw.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Raw.Dispose();
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>The baseline's own source-generated JSON context.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KitPurchaseEnvelope))]
[JsonSerializable(typeof(DripPurchases))]
internal sealed partial class BaselineJson : JsonSerializerContext;
