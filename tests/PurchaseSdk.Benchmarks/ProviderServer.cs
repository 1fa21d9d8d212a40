using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// An in-process Kestrel server on loopback that answers each provider's path with its documented answer (the seed
/// documents), optionally after a fixed delay. Paths follow the sandbox's layout: /kit, /scout, /rundl/api, /drip,
/// /elasticpath.
/// </summary>
public sealed class ProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProviderServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<ProviderServer> StartAsync(TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        var kit = Seed("Kit/create-purchase.response.json");
        var rundl = Seed("Rundl/create-checkout.response.json");
        var order = Seed("ElasticPath/checkout.response.json");
        var token = Seed("ElasticPath/access-token.response.json");
        var scout = Seed("Scout/ingest.response.json");
        var empty = "{}"u8.ToArray();

        if (delay > TimeSpan.Zero)
        {
            app.Use(async (context, next) =>
            {
                await Task.Delay(delay);
                await next(context);
            });
        }

        app.MapPost("/kit/v4/purchases", (HttpContext c) => Answer(c, 201, kit));
        app.MapPost("/scout/ingest", (HttpContext c) => Answer(c, 200, scout));
        app.MapPost("/rundl/api/checkouts", (HttpContext c) => Answer(c, 200, rundl));
        app.MapPost("/drip/v2/{account}/subscribers/{subscriber}/purchases", (HttpContext c) => Answer(c, 201, empty));
        app.MapPost("/elasticpath/oauth/access_token", (HttpContext c) => Answer(c, 200, token));
        app.MapPost("/elasticpath/v2/carts/{reference}/checkout", (HttpContext c) => Answer(c, 201, order));

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ProviderServer(app, new Uri(address + "/"));
    }

    public Uri Provider(string prefix) => new(Url, prefix);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    internal static byte[] Seed(string name)
    {
        using var stream = typeof(ProviderServer).Assembly.GetManifestResourceStream("Seeds/" + name)
            ?? throw new InvalidOperationException("Missing seed " + name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static async Task Answer(HttpContext context, int status, byte[] body)
    {
        // Read the request like a real server before answering.
        await context.Request.Body.CopyToAsync(Stream.Null);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }
}
