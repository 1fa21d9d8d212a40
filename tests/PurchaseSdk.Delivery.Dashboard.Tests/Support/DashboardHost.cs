using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using PurchaseSdk.Delivery.Dashboard;

namespace PurchaseSdk.Delivery.Dashboard.Tests.Support;

/// <summary>How a test wants its application.</summary>
internal sealed class DashboardHostOptions
{
    /// <summary>A real Kestrel server on 127.0.0.1 (for the browser); otherwise the in-memory test server.</summary>
    public bool Kestrel { get; init; }

    /// <summary>Enqueue and deliver the <see cref="Seeded"/> purchases before the test starts.</summary>
    public bool Seed { get; init; } = true;

    /// <summary>The dashboard's settings.</summary>
    public Action<PurchaseDeliveryDashboardOptions>? Dashboard { get; init; }

    /// <summary>Conventions on the mapped dashboard, for example <c>RequireAuthorization("ops")</c>.</summary>
    public Action<IEndpointConventionBuilder>? Conventions { get; init; }

    /// <summary>Adds a header-driven authentication scheme (<see cref="TestAuthentication"/>) and the policy "ops" (role ops).</summary>
    public bool Authentication { get; init; }

    /// <summary>Replaces the admin API (to show what a store may return).</summary>
    public Func<IPurchaseDeliveryAdmin, IPurchaseDeliveryAdmin>? DecorateAdmin { get; init; }
}

/// <summary>
/// An ASP.NET Core application as a user of the SDK writes it: all five providers on a sandbox, durable delivery on a
/// temporary SQLite file with its worker running, and the dashboard at /purchasesdk. One fake clock drives the SDK, the
/// store, the worker and the dashboard. The in-memory server has no socket, so a request names its caller's address in
/// <see cref="RemoteAddressHeader"/> (127.0.0.1 when it does not); Kestrel sees the real one.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";
    public const string Path = "/purchasesdk";

    /// <summary>The clock's start: the seeded deliveries happen in the hours after it.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private readonly string _folder;

    private DashboardHost(WebApplication app, TestClock clock, PurchaseSandbox sandbox, string folder, Uri address)
    {
        App = app;
        Clock = clock;
        Sandbox = sandbox;
        _folder = folder;
        Address = address;
        Attempts = new AttemptCounter(app.Services.GetRequiredService<IMeterFactory>());
    }

    public WebApplication App { get; }

    public TestClock Clock { get; }

    public PurchaseSandbox Sandbox { get; }

    /// <summary>The dashboard's address, ending with a slash.</summary>
    public Uri Address { get; }

    public AttemptCounter Attempts { get; }

    public Seeded Seeded { get; private set; } = null!;

    public IPurchaseDeliveryAdmin Admin => App.Services.GetRequiredService<IPurchaseDeliveryAdmin>();

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    public static async Task<DashboardHost> StartAsync(DashboardHostOptions? options = null)
    {
        options ??= new DashboardHostOptions();
        var clock = new TestClock(Start);
        var sandbox = PurchaseSandbox.Start(new PurchaseSandboxOptions { Time = clock });
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "purchasesdk-dashboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder, EnvironmentName = "Test" });
        if (options.Kestrel)
        {
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddPurchaseSdk()
            .AddEveryProvider()
            .UsePurchaseSandbox(sandbox)
            .AddDelivery(d => d.UseSqlite($"Data Source={System.IO.Path.Combine(folder, "deliveries.db")}").Configure(o =>
            {
                // Nothing happens on a timer: enqueues and admin changes wake the worker, the test moves the clock.
                o.PollInterval = TimeSpan.FromDays(1);
                o.RetryBaseDelay = TimeSpan.FromHours(1);
                o.RetryMaxDelay = TimeSpan.FromHours(2);
            }));
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddPurchaseDeliveryDashboard(options.Dashboard);
        if (options.DecorateAdmin is { } decorate)
        {
            var original = builder.Services.Single(s => s.ServiceType == typeof(IPurchaseDeliveryAdmin));
            builder.Services.Remove(original);
            builder.Services.AddSingleton(sp => decorate((IPurchaseDeliveryAdmin)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
        }

        if (options.Authentication)
        {
            builder.Services.AddAuthentication(TestAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.SchemeName, null);
            builder.Services.AddAuthorization(o => o.AddPolicy("ops", p => p.RequireRole("ops")));
        }

        var app = builder.Build();
        if (!options.Kestrel)
        {
            app.Use((context, next) =>
            {
                var named = context.Request.Headers[RemoteAddressHeader].ToString();
                context.Connection.RemoteIpAddress = named.Length > 0 ? IPAddress.Parse(named) : IPAddress.Loopback;
                return next(context);
            });
        }

        var dashboard = app.MapPurchaseDeliveryDashboard(Path);
        options.Conventions?.Invoke(dashboard);
        await app.StartAsync();

        var address = options.Kestrel
            ? new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + Path + "/")
            : new Uri("http://localhost" + Path + "/");
        var host = new DashboardHost(app, clock, sandbox, folder, address);
        if (options.Seed)
        {
            await host.SeedAsync();
        }

        return host;
    }

    /// <summary>A client of the in-memory server that keeps cookies; <paramref name="remoteAddress"/> is the caller's address.</summary>
    public HttpClient CreateClient(string? remoteAddress = null, string? user = null, string? roles = null)
    {
        var client = new HttpClient(new CookieHandler(App.GetTestServer().CreateHandler())) { BaseAddress = Address };
        if (remoteAddress is not null)
        {
            client.DefaultRequestHeaders.Add(RemoteAddressHeader, remoteAddress);
        }

        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthentication.UserHeader, user);
        }

        if (roles is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthentication.RolesHeader, roles);
        }

        return client;
    }

    /// <summary>
    /// Four orders, an hour apart, each to the five providers; Kit answers differently each time: ORD-1 succeeded,
    /// ORD-2 refused for good (422: Failed), ORD-3 recorded but answered 500 (Indeterminate), ORD-4 unavailable with a
    /// Retry-After of two hours (Pending). Then 25 minutes pass: the oldest pending delivery is 25 minutes old.
    /// </summary>
    private async Task SeedAsync()
    {
        await EnqueueAndDeliverAsync("ORD-1", null);
        Clock.Advance(TimeSpan.FromHours(1));
        await EnqueueAndDeliverAsync("ORD-2", SandboxFault.Status(422));
        Clock.Advance(TimeSpan.FromHours(1));
        await EnqueueAndDeliverAsync("ORD-3", SandboxFault.AcceptThenFail(500));
        Clock.Advance(TimeSpan.FromHours(1));
        await EnqueueAndDeliverAsync("ORD-4", SandboxFault.Status(503, TimeSpan.FromHours(2)));
        Clock.Advance(TimeSpan.FromMinutes(25));

        async Task<long> Kit(string orderId) => (await Admin.GetOrderAsync(orderId))!.Deliveries.Single(d => d.Provider == "Kit").Id;
        Seeded = new Seeded(await Kit("ORD-1"), await Kit("ORD-2"), await Kit("ORD-3"), await Kit("ORD-4"));
        var statistics = await Admin.GetStatisticsAsync();
        var seen = (statistics.Count(DeliveryState.Succeeded), statistics.Count(DeliveryState.Failed), statistics.Count(DeliveryState.Indeterminate), statistics.Count(DeliveryState.Pending));
        if (seen != (Seeded.SucceededCount, 1, 1, 1))
        {
            throw new InvalidOperationException($"The seed did not come out as planned: {seen}");
        }
    }

    public async Task EnqueueAndDeliverAsync(string orderId, SandboxFault? kitFault)
    {
        if (kitFault is not null)
        {
            Sandbox.Kit.FailNext(1, kitFault);
        }

        var attempts = Attempts.Count;
        var outbox = App.Services.GetRequiredService<IPurchaseOutbox>();
        await outbox.EnqueueAsync(NewPurchase(orderId, Sandbox.CreateContexts("cart-" + orderId)));
        await Attempts.WaitForAsync(attempts + 5);
        Sandbox.Kit.ClearFaults();
    }

    public static Purchase NewPurchase(string orderId, IEnumerable<object> contexts) =>
        CanoeOrders.Order(orderId, contexts, "gumroad", [CanoeOrders.Line(2, 24.50m)], tax: 1.25m);

    public async ValueTask DisposeAsync()
    {
        Attempts.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temporary folder eventually.
        }
    }
}

/// <summary>The Kit deliveries of the seeded orders (the other providers' deliveries all succeeded).</summary>
internal sealed record Seeded(long SucceededKit, long FailedKit, long IndeterminateKit, long PendingKit)
{
    /// <summary>Kit's ORD-1 and the four other providers of each of the four orders.</summary>
    public const int SucceededCount = 17;
}

/// <summary>Authenticates a request whose <see cref="UserHeader"/> names a user (roles in <see cref="RolesHeader"/>), as a real scheme would from a cookie or token.</summary>
internal sealed class TestAuthentication : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string RolesHeader = "X-Test-Roles";

    public TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : base(options, logger, encoder)
    {
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[UserHeader].ToString();
        if (user.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, user) };
        claims.AddRange(Request.Headers[RolesHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
