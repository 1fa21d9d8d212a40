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
/// A Kestrel server on loopback that answers each provider's path with its documented answer (the seed documents),
/// optionally after a fixed delay. Paths follow the sandbox's layout: /kit, /scout, /rundl/api, /drip, /elasticpath.
/// A path that starts with <c>/delay/{ms}/</c> is answered after that many milliseconds, as the rest of the path.
/// It runs in the benchmark process (<see cref="StartAsync"/>) or in a process of its own (<see cref="ServerProcess"/>),
/// so that the allocations and the JIT work of the server are not counted as the client's.
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

        app.Use(async (context, next) =>
        {
            var wait = delay;
            var path = context.Request.Path.Value ?? string.Empty;
            if (path.StartsWith("/delay/", StringComparison.Ordinal))
            {
                var end = path.IndexOf('/', 7);
                wait = TimeSpan.FromMilliseconds(int.Parse(path.AsSpan(7, end - 7), System.Globalization.CultureInfo.InvariantCulture));
                context.Request.Path = path[end..];
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            await next(context);
        });
        app.UseRouting();

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

    /// <summary>
    /// <c>--serve</c>: runs the server in this process, prints <c>listening &lt;url&gt;</c> and serves until its
    /// standard input closes (so it ends with the process that started it).
    /// </summary>
    public static async Task ServeAsync()
    {
        await using var server = await StartAsync(TimeSpan.Zero);
        Console.WriteLine("listening " + server.Url);
        await Task.Run(() => Console.In.ReadToEnd());
    }

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
