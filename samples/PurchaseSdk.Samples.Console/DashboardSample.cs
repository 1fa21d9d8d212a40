using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PurchaseSdk.Delivery;
using PurchaseSdk.Providers;
using PurchaseSdk.Testing;

namespace PurchaseSdk.Samples.Console;

/// <summary>
/// <c>--dashboard</c>: the delivery dashboard over the sandbox, with something to look at. A day of purchases is
/// replayed into a SQLite outbox (the store's clock is set back, hour by hour, so the 24-hour chart fills), with Kit
/// refusing one for good (Failed), Scout and Kit answering an error after recording one (Indeterminate), and Kit down
/// for the last 40 minutes (Pending). Then the dashboard is served on this machine until Ctrl+C.
/// </summary>
public static class DashboardSample
{
    /// <summary>Where the page is served when <c>--urls</c> does not say.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    // How many orders each hour of the replayed day brings, oldest hour first (23 hours ago .. 1 hour ago).
    private static readonly int[] OrdersPerHour = [1, 1, 2, 1, 2, 3, 2, 1, 1, 2, 3, 2, 1, 1, 2, 2, 3, 1, 1, 2, 1, 1, 1];

    /// <summary>Serves the dashboard until Ctrl+C (or the process is stopped).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var dashboard = await StartAsync(args, output);
        output.WriteLine($"Open {dashboard.Address} in a browser (this machine only). Ctrl+C stops.");
        await output.FlushAsync();
        await dashboard.App.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>Starts the sandbox, the application and the replay; the dashboard is served when this returns.</summary>
    public static async Task<RunningDashboard> StartAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var sandbox = PurchaseSandbox.Start();
        var file = Path.Combine(Path.GetTempPath(), $"purchasesdk-dashboard-{Guid.NewGuid():N}.db");
        var clock = new ReplayClock();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args.Where(static a => a != "--dashboard")],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Each dashboard action is logged with who did it.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("PurchaseSdk.Delivery.Dashboard", LogLevel.Information);
        builder.Services.AddSingleton<TimeProvider>(clock);
        SampleApp.AddEveryProvider(builder.Services.AddPurchaseSdk())
            .UsePurchaseSandbox(sandbox)
            .AddDelivery(d => d.UseSqlite($"Data Source={file}").Configure(o => o.PollInterval = TimeSpan.FromSeconds(1)));
        // A demo key ring in memory; a real application persists its keys and shares them between instances (README).
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();

        // The dashboard: local requests only (the default). An application opens it to its own users with
        // app.MapPurchaseDeliveryDashboard("/purchasesdk").RequireAuthorization("your-policy").
        builder.Services.AddPurchaseDeliveryDashboard();
        var app = builder.Build();
        app.MapGet("/", static context =>
        {
            context.Response.Redirect("/purchasesdk/");
            return Task.CompletedTask;
        });
        app.MapPurchaseDeliveryDashboard("/purchasesdk");
        await app.StartAsync();

        var running = new RunningDashboard(app, sandbox, file);
        try
        {
            output.WriteLine("Replaying a day of purchases into the outbox (Kit refuses one, two are indeterminate, Kit is down for the last 40 minutes)...");
            await ReplayDayAsync(app.Services, sandbox, clock);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            running.Address = new Uri(address.TrimEnd('/') + "/purchasesdk/");
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    private static async Task ReplayDayAsync(IServiceProvider services, PurchaseSandbox sandbox, ReplayClock clock)
    {
        var outbox = services.GetRequiredService<IPurchaseOutbox>();
        var admin = services.GetRequiredService<IPurchaseDeliveryAdmin>();
        var providerCount = services.GetServices<IPurchaseProvider>().Count();
        var number = 3000;

        async Task DeliverAsync(int count, Action? fault = null)
        {
            fault?.Invoke();
            var orders = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var orderId = $"ORD-{++number}";
                orders.Add(orderId);
                await outbox.EnqueueAsync(SampleApp.SamplePurchase(orderId, sandbox.CreateContexts("cart-" + orderId), occurredAt: clock.GetUtcNow()));
            }

            await WaitUntilAttemptedAsync(admin, orders, providerCount);
            foreach (var provider in sandbox.Providers)
            {
                provider.ClearFaults();
            }
        }

        for (var hour = 0; hour < OrdersPerHour.Length; hour++)
        {
            var hoursAgo = OrdersPerHour.Length - hour;
            clock.Offset = TimeSpan.FromHours(-hoursAgo) + TimeSpan.FromMinutes(7 * (hour % 5));
            switch (hoursAgo)
            {
                case 18:
                    await DeliverAsync(1, () => sandbox.Kit.FailNext(1, SandboxFault.Status(422)));
                    break;
                case 9:
                    await DeliverAsync(1, () => sandbox.Scout.FailNext(1, SandboxFault.AcceptThenFail(500)));
                    break;
                case 4:
                    await DeliverAsync(1, () => sandbox.Kit.FailNext(1, SandboxFault.AcceptThenFail(502)));
                    break;
                default:
                    break;
            }

            await DeliverAsync(OrdersPerHour[hour]);
        }

        // Kit is down for the last 40 minutes: its deliveries wait for the Retry-After it gave (an hour).
        clock.Offset = TimeSpan.FromMinutes(-40);
        await DeliverAsync(2, () => sandbox.Kit.FailNext(2, SandboxFault.Status(503, TimeSpan.FromHours(1))));
        clock.Offset = TimeSpan.Zero;
    }

    /// <summary>Polls the admin API (the sample's own loop, in real time) until every delivery of the orders was attempted.</summary>
    private static async Task WaitUntilAttemptedAsync(IPurchaseDeliveryAdmin admin, List<string> orders, int providerCount)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var attempted = 0;
            foreach (var orderId in orders)
            {
                var order = await admin.GetOrderAsync(orderId);
                attempted += order?.Deliveries.Count(static d => d.State != DeliveryState.Pending || (d.Attempts > 0 && d.LeasedUntil is null)) ?? 0;
            }

            if (attempted == orders.Count * providerCount)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The sample's deliveries were not attempted within 30 s.");
    }

    /// <summary>The clock of the store and the worker: real time, set back by <see cref="Offset"/> while the day is replayed.</summary>
    private sealed class ReplayClock : TimeProvider
    {
        private long _offsetTicks;

        public TimeSpan Offset
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
            set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
        }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}

/// <summary>The sample's dashboard while it is served.</summary>
public sealed class RunningDashboard : IAsyncDisposable
{
    private readonly PurchaseSandbox _sandbox;
    private readonly string _file;

    internal RunningDashboard(WebApplication app, PurchaseSandbox sandbox, string file)
    {
        App = app;
        _sandbox = sandbox;
        _file = file;
    }

    /// <summary>The application.</summary>
    public WebApplication App { get; }

    /// <summary>The dashboard's address, ending with a slash.</summary>
    public Uri Address { get; internal set; } = null!;

    /// <summary>Stops the application and the sandbox, and deletes the outbox file.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await _sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var leftover in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(leftover);
        }
    }
}
