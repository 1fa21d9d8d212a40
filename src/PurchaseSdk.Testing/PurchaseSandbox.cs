using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        Providers = [.. Emulators.Select(create => create(this))];
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
    public SandboxProvider Kit => Get("Kit");

    /// <summary>Scout (<c>/scout</c>: ingest and OAuth helpers).</summary>
    public SandboxProvider Scout => Get("Scout");

    /// <summary>Rundl (<c>/rundl/api</c>).</summary>
    public SandboxProvider Rundl => Get("Rundl");

    /// <summary>Drip (<c>/drip</c>): v2 purchases and v3 shopper activity orders (<see cref="DripEmulator.Orders"/>).</summary>
    public DripEmulator Drip => (DripEmulator)Get("Drip");

    /// <summary>Elastic Path (<c>/elasticpath</c>).</summary>
    public SandboxProvider ElasticPath => Get("ElasticPath");

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
        [.. Providers.Select(provider => provider.CreateContext(cartReference)).OfType<object>()];

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

    /// <summary>
    /// Every emulated provider, one line each, in the order reports list them. A new provider is one emulator here
    /// (and, for convenience, a property above).
    /// </summary>
    private static readonly Func<PurchaseSandbox, SandboxProvider>[] Emulators =
    [
        static sandbox => new ScoutEmulator(sandbox),
        static sandbox => new RundlEmulator(sandbox),
        static sandbox => new KitEmulator(sandbox),
        static sandbox => new DripEmulator(sandbox),
        static sandbox => new ElasticPathEmulator(sandbox),
    ];

    /// <summary>Gets the emulator of <paramref name="name"/> (for example <c>Kit</c>), compared without regard to case.</summary>
    /// <exception cref="KeyNotFoundException">The sandbox emulates no provider of that name.</exception>
    public SandboxProvider Get(string name) =>
        Providers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"The sandbox emulates no provider named '{name}'; it emulates {string.Join(", ", Providers.Select(static p => p.Name))}.");

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
