using PurchaseSdk.Delivery.Worker;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace PurchaseSdk.Delivery.Tests.Support;

/// <summary>
/// An application with all five providers pointed at a sandbox, durable delivery on a temporary SQLite file (or the
/// store that <c>store</c> chooses), and one test clock for the SDK, the store and the worker. <see cref="DeliverDueAsync"/> runs the worker's loop once to
/// completion, skipping the SDK's short waits (backoffs) on the clock instead of sleeping.
/// </summary>
internal sealed class DeliveryHarness : IAsyncDisposable
{
    private readonly bool _ownsDatabase;
    private readonly bool _ownsSandbox;

    private DeliveryHarness(TestClock clock, PurchaseSandbox sandbox, bool ownsSandbox, TempDatabase database, bool ownsDatabase, ServiceProvider services)
    {
        _ownsSandbox = ownsSandbox;
        Clock = clock;
        Sandbox = sandbox;
        Database = database;
        _ownsDatabase = ownsDatabase;
        Services = services;
    }

    public TestClock Clock { get; }

    public PurchaseSandbox Sandbox { get; }

    public TempDatabase Database { get; }

    public ServiceProvider Services { get; }

    public IPurchaseOutbox Outbox => Services.GetRequiredService<IPurchaseOutbox>();

    public IPurchaseDeliveryAdmin Admin => Services.GetRequiredService<IPurchaseDeliveryAdmin>();

    public IDeliveryStore Store => Services.GetRequiredService<IDeliveryStore>();

    public IPurchaseReporter Reporter => Services.GetRequiredService<IPurchaseReporter>();

    internal PurchaseDeliveryWorker Worker => Services.GetRequiredService<PurchaseDeliveryWorker>();

    public static DeliveryHarness Create(
        Action<PurchaseDeliveryOptions>? delivery = null,
        Action<IServiceCollection>? services = null,
        TempDatabase? database = null,
        PurchaseSandbox? sandbox = null,
        TestClock? clock = null,
        IDataProtectionProvider? protection = null,
        Action<IPurchaseDeliveryBuilder>? store = null)
    {
        clock ??= new TestClock();
        var ownsSandbox = sandbox is null;
        sandbox ??= PurchaseSandbox.Start(new PurchaseSandboxOptions { Time = clock });
        var ownsDatabase = database is null;
        database ??= new TempDatabase();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddLogging(l => l.SetMinimumLevel(LogLevel.Debug));
        collection.AddPurchaseSdk()
            .AddEveryProvider()
            .UsePurchaseSandbox(sandbox)
            .AddDelivery(d =>
            {
                if (store is null)
                {
                    d.UseSqlite(database.ConnectionString);
                }
                else
                {
                    store(d);
                }

                d.Configure(o =>
                {
                    // Longer than the test providers' 2 h TotalTimeout, as LeaseDuration requires: the worker's cut-off
                    // before the lease ends (3 h less 30 s) is a timer the test clock never skips by itself.
                    o.LeaseDuration = TimeSpan.FromHours(3);
                    delivery?.Invoke(o);
                });
            });
        collection.Replace(ServiceDescriptor.Singleton(protection ?? SharedKeys.Provider));
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new DeliveryHarness(clock, sandbox, ownsSandbox, database, ownsDatabase, provider);
    }

    /// <summary>Runs the worker over everything due now, to completion.</summary>
    public Task<int> DeliverDueAsync() => Clock.RunAsync(Worker.DeliverDueAsync(CancellationToken.None));

    public Task<PurchaseEnqueueResult> EnqueueAsync(string orderId, bool withContexts = true) =>
        Outbox.EnqueueAsync(NewPurchase(orderId, withContexts ? Sandbox.CreateContexts("cart-" + orderId) : []));

    public async Task<DeliveryRecord> DeliveryAsync(string orderId, string provider)
    {
        var order = await Admin.GetOrderAsync(orderId);
        return order!.Deliveries.Single(d => d.Provider == provider);
    }

    /// <summary>Two canoes and a paddle with its own properties, tax, a discount and order properties: every part of a payload.</summary>
    public static Purchase NewPurchase(string orderId, IEnumerable<object> contexts) =>
        CanoeOrders.Order(
            orderId,
            contexts,
            "gumroad",
            [
                CanoeOrders.Line(2, 24.50m),
                new PurchaseLine { Name = "Paddle", Sku = "5555", Quantity = 1, UnitPrice = 9.99m, Properties = new Dictionary<string, string> { ["color"] = "red" } },
            ],
            tax: 1.25m,
            discount: 2m,
            properties: new Dictionary<string, string> { ["channel"] = "web" });

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_ownsSandbox)
        {
            await Sandbox.DisposeAsync();
        }

        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }
}

/// <summary>One in-memory key ring for the test run, so two harnesses over one file can read each other's payloads.</summary>
internal static class SharedKeys
{
    public static IDataProtectionProvider Provider { get; } = new EphemeralDataProtectionProvider();
}
