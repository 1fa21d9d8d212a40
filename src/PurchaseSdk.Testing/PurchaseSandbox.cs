using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;
using PurchaseSdk.Testing.Emulators;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PurchaseSdk.Testing;

/// <summary>
/// An in-process emulation of Scout, Rundl, Kit, Drip and Elastic Path on a free loopback port, at the paths, auth
/// schemes and wire formats of their documents. It checks credentials (a wrong one gets the provider's real refusal),
/// validates required fields (with the provider's error body), stores what it accepts, answers like the provider, and
/// injects faults on demand. Point an application at it with <c>UsePurchaseSandbox(sandbox)</c>.
/// </summary>
/// <example>
/// <code>
/// await using var sandbox = PurchaseSandbox.Start();
/// services.AddPurchaseSdk().AddKit().AddDrip().UsePurchaseSandbox(sandbox);
/// sandbox.Kit.FailNext(1, SandboxFault.Status(503));
/// // ... report, then inspect sandbox.Kit.Records and sandbox.Kit.Requests
/// </code>
/// </example>
public sealed class PurchaseSandbox : IDisposable, IAsyncDisposable
{
    private readonly WireMockServer _server;
    private readonly CancellationTokenSource _stopping = new();

    private PurchaseSandbox(PurchaseSandboxOptions options)
    {
        Options = options;
        var port = FreeLoopbackPort();
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{port}"],
            StartAdminInterface = false,
            MaxRequestLogCount = 100,
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(DropConnectionsAsync),
        });
        Url = new Uri($"http://127.0.0.1:{port}/");
        Kit = new KitEmulator(this);
        Scout = new ScoutEmulator(this);
        Rundl = new RundlEmulator(this);
        Drip = new DripEmulator(this);
        ElasticPath = new ElasticPathEmulator(this);
        Providers = [Scout, Rundl, Kit, Drip, ElasticPath];
        foreach (var provider in Providers)
        {
            var emulator = provider;
            _server.Given(Request.Create().WithPath(new WildcardMatcher(emulator.Address.AbsolutePath + "/*")))
                .RespondWith(Response.Create().WithCallback(emulator.HandleAsync));
        }
    }

    /// <summary>The sandbox's root address (<c>http://127.0.0.1:port/</c>); each provider lives under its own path.</summary>
    public Uri Url { get; }

    /// <summary>The credentials the sandbox accepts.</summary>
    public SandboxCredentials Credentials => Options.Credentials;

    /// <summary>The sandbox's clock.</summary>
    public TimeProvider Time => Options.Time;

    /// <summary>Kit (<c>/kit</c>).</summary>
    public SandboxProvider Kit { get; }

    /// <summary>Scout (<c>/scout</c>: ingest and OAuth helpers).</summary>
    public SandboxProvider Scout { get; }

    /// <summary>Rundl (<c>/rundl/api</c>).</summary>
    public SandboxProvider Rundl { get; }

    /// <summary>Drip (<c>/drip</c>): v2 purchases and v3 shopper activity orders (<see cref="DripEmulator.Orders"/>).</summary>
    public DripEmulator Drip { get; }

    /// <summary>Elastic Path (<c>/elasticpath</c>).</summary>
    public SandboxProvider ElasticPath { get; }

    /// <summary>All five providers.</summary>
    public IReadOnlyList<SandboxProvider> Providers { get; }

    internal PurchaseSandboxOptions Options { get; }

    /// <summary>Cancelled when the sandbox stops, so answers it is still holding do not delay the stop.</summary>
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts a sandbox on a free loopback port.</summary>
    public static PurchaseSandbox Start(PurchaseSandboxOptions? options = null) => new(options ?? new PurchaseSandboxOptions());

    /// <summary>The Scout user the sandbox knows, as a purchase context.</summary>
    public ScoutUserContext ScoutUser() => new(Credentials.ScoutUserId, Credentials.ScoutUserAccessToken);

    /// <summary>
    /// A context for each provider that needs one, with values the sandbox accepts: the Scout user, a Rundl checkout
    /// (the seed's account, service and product) and an Elastic Path account checkout of <paramref name="cartReference"/>.
    /// Add them to a purchase: <c>foreach (var c in sandbox.CreateContexts()) purchase.Contexts.Add(c);</c>
    /// </summary>
    public IReadOnlyList<object> CreateContexts(string cartReference = "sandbox-cart") =>
    [
        ScoutUser(),
        new RundlCheckoutContext { AccountId = 17357980, ServiceId = 30798101, ProductId = 30798131 },
        new ElasticPathCheckoutContext
        {
            CartReference = cartReference,
            AccountId = "8cee1b9e-3e39-4d5f-bd4a-86cdb985c6ee",
            BillingAddress = new ElasticPathAddress { FirstName = "John", LastName = "Doe", Line1 = "1234 Disney Drive", City = "Anaheim", Region = "CA", Postcode = "92802", Country = "US" },
            ShippingAddress = new ElasticPathAddress { FirstName = "John", LastName = "Doe", Line1 = "1234 Disney Drive", City = "Anaheim", Region = "CA", Postcode = "92802", Country = "US", Instructions = "Leave in porch" },
        },
    ];

    /// <summary>Forgets every provider's requests, records and faults.</summary>
    public void Reset()
    {
        foreach (var provider in Providers)
        {
            provider.Reset();
        }
    }

    /// <summary>Stops the sandbox.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _server.Stop();
        _server.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Stops the sandbox.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The header through which the middleware hands WireMock the raw request path.</summary>
    internal const string RawPathHeader = "X-PurchaseSandbox-Raw-Path";

    /// <summary>The request path exactly as sent (WireMock only sees it decoded, <c>%2F</c> included).</summary>
    internal static string RawPath(HttpContext context)
    {
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            return context.Request.Path.Value ?? "/";
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? target : target[..query];
    }

    // WireMock can only answer, and only sees decoded paths: a middleware in front of it hands over the raw path
    // and closes connections for the faults that need it.
    private async Task DropConnectionsAsync(HttpContext context, Func<Task> next)
    {
        context.Request.Headers[RawPathHeader] = RawPath(context);
        foreach (var provider in Providers)
        {
            if (context.Request.Path.StartsWithSegments(provider.Address.AbsolutePath, StringComparison.Ordinal))
            {
                if (await provider.TryDropConnectionAsync(context).ConfigureAwait(false))
                {
                    return;
                }

                break;
            }
        }

        await next().ConfigureAwait(false);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
