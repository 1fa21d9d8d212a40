using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PurchaseSdk.Delivery;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Rundl;
using PurchaseSdk.Testing;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// 5. Enqueue: one <c>IPurchaseOutbox.EnqueueAsync</c> (validate, serialize, protect the contexts, one transaction with
/// the order and five deliveries) on a SQLite file in WAL mode, against a bare <c>INSERT</c> of the same payload through
/// Microsoft.Data.Sqlite into a table of the same file (a pooled connection opened per call, as the store does).
/// Target: ratio ≤ 1.5.
/// </summary>
[MemoryDiagnoser]
[SteadyStateJob]
public class EnqueueBenchmarks
{
    private string _folder = null!;
    private ServiceProvider _services = null!;
    private IPurchaseOutbox _outbox = null!;
    private string _connectionString = null!;
    private string _payload = null!;
    private Purchase _template = null!;
    private long _next;

    [GlobalSetup]
    public async Task SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "purchasesdk-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _connectionString = $"Data Source={Path.Combine(_folder, "outbox.db")}";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPurchaseSdk()
            .AddScout(o => o.ApiKey = "k").AddRundl(o => o.AccessToken = "t").AddKit(o => o.AccessToken = "t")
            .AddDrip(o => { o.AccountId = "1"; o.ApiKey = "k"; }).AddElasticPath(o => { o.ClientId = "c"; o.ClientSecret = "s"; })
            .AddDelivery(d => d.UseSqlite(_connectionString).Configure(o => o.RunWorker = false));
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        _services = services.BuildServiceProvider();
        _outbox = _services.GetRequiredService<IPurchaseOutbox>();
        _template = DeliveryScenario.Purchase("template");
        await _outbox.EnqueueAsync(_template);
        _payload = _services.GetRequiredService<Delivery.Payload.DeliveryPayloadSerializer>().Serialize(_template);

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS bare (order_id TEXT NOT NULL PRIMARY KEY, payload TEXT NULL)";
        await create.ExecuteNonQueryAsync();
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "bare INSERT of the payload")]
    public async Task BareInsert()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO bare (order_id, payload) VALUES (@o, @p)";
        insert.Parameters.AddWithValue("@o", "bare-" + Interlocked.Increment(ref _next));
        insert.Parameters.AddWithValue("@p", _payload);
        await insert.ExecuteNonQueryAsync();
    }

    [Benchmark(Description = "EnqueueAsync (5 providers)")]
    public Task<PurchaseEnqueueResult> Enqueue() => _outbox.EnqueueAsync(DeliveryScenario.Purchase("order-" + Interlocked.Increment(ref _next)));
}

/// <summary>
/// 6. Delivery throughput: 5,000 purchases × 5 providers delivered from the SQLite outbox by the hosted worker through
/// <see cref="PurchaseSandbox"/>, against <c>ReportAsync</c> of the same purchases with the same number of provider calls
/// in flight (worker: 50 deliveries at once; direct: 10 purchases at once × 5 providers). One invocation is the whole
/// batch; the enqueue happens in the iteration set-up and is not measured. Target: throughput ratio ≥ 0.7.
/// </summary>
[SimpleJob(BenchmarkDotNet.Engines.RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class DeliveryThroughputBenchmarks
{
    public const int Purchases = 5_000;
    private const int ProviderCallsInFlight = 50;
    private PurchaseSandbox _sandbox = null!;
    private Purchase[] _purchases = null!;
    private string _folder = null!;
    private int _round;
    private Microsoft.Extensions.Hosting.IHost? _host;
    private ServiceProvider _direct = null!;

    [GlobalSetup]
    public void SetUp()
    {
        _sandbox = PurchaseSandbox.Start();
        _folder = Path.Combine(Path.GetTempPath(), "purchasesdk-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _direct = DeliveryScenario.Services(_sandbox, null).BuildServiceProvider();
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _direct.DisposeAsync();
        await _sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [IterationSetup(Target = nameof(Outbox))]
    public void EnqueueAll()
    {
        _sandbox.Reset();
        _round++;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        DeliveryScenario.Services(_sandbox, builder.Services, $"Data Source={Path.Combine(_folder, $"round-{_round}.db")}", ProviderCallsInFlight);
        _host = builder.Build();
        var outbox = _host.Services.GetRequiredService<IPurchaseOutbox>();
        Parallel.For(0, Purchases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            outbox.EnqueueAsync(DeliveryScenario.Purchase($"r{_round}-{i}")).GetAwaiter().GetResult());
    }

    [IterationSetup(Target = nameof(Direct))]
    public void PrepareDirect()
    {
        _sandbox.Reset();
        _round++;
        _purchases = [.. Enumerable.Range(0, Purchases).Select(i => DeliveryScenario.Purchase($"d{_round}-{i}"))];
    }

    [IterationCleanup(Target = nameof(Outbox))]
    public void StopHost()
    {
        _host?.Dispose();
        _host = null;
    }

    [Benchmark(Baseline = true, Description = "ReportAsync, 10 purchases × 5 providers in flight")]
    public Task Direct() => Parallel.ForEachAsync(
        _purchases,
        new ParallelOptions { MaxDegreeOfParallelism = ProviderCallsInFlight / 5 },
        async (purchase, cancellationToken) =>
        {
            var report = await _direct.GetRequiredService<IPurchaseReporter>().ReportAsync(purchase, cancellationToken);
            if (!report.Succeeded)
            {
                throw new InvalidOperationException(report.ToString());
            }
        });

    [Benchmark(Description = "outbox worker, 50 deliveries in flight")]
    public async Task Outbox()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "purchasesdk.delivery.attempts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            if (Interlocked.Add(ref attempts, (int)value) >= Purchases * 5)
            {
                done.TrySetResult();
            }
        });
        listener.Start();
        await _host!.StartAsync();
        await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
        await _host.StopAsync();
        var pending = await _host.Services.GetRequiredService<IPurchaseDeliveryAdmin>().CountAsync(new DeliveryFilter { State = DeliveryState.Pending });
        var succeeded = await _host.Services.GetRequiredService<IPurchaseDeliveryAdmin>().CountAsync(new DeliveryFilter { State = DeliveryState.Succeeded });
        if (pending != 0 || succeeded != Purchases * 5)
        {
            throw new InvalidOperationException($"{succeeded} succeeded, {pending} pending");
        }
    }
}

/// <summary>What both delivery benchmarks share: the purchase and the SDK pointed at the sandbox.</summary>
internal static class DeliveryScenario
{
    public static Purchase Purchase(string orderId) => new()
    {
        OrderId = orderId,
        Customer = new Customer { Email = "bench@example.com", Name = "Bench Mark" },
        Currency = "USD",
        Source = "bench",
        Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "765432", Quantity = 1, UnitPrice = 49m }],
        Tax = 3.43m,
        Contexts =
        {
            new Scout.ScoutUserContext(1, "sandbox-scout-user-token"),
            new RundlCheckoutContext { AccountId = 17357980, ServiceId = 30798101, ProductId = 30798131 },
            new ElasticPathCheckoutContext { CartReference = "cart-" + orderId, AccountId = "8cee1b9e-3e39-4d5f-bd4a-86cdb985c6ee" },
        },
    };

    public static IServiceCollection Services(PurchaseSandbox sandbox, IServiceCollection? services, string? outbox = null, int concurrency = 50)
    {
        services ??= new ServiceCollection();
        services.AddLogging();
        // The providers' request budgets are off: 5,000 purchases in seconds are far above Kit's 600 a minute, and
        // this measures the outbox against direct reports, not how long the budgets make both wait.
        var sdk = services.AddPurchaseSdk()
            .AddScout(NoBudget).AddRundl(NoBudget).AddKit(NoBudget).AddDrip(NoBudget).AddElasticPath(NoBudget)
            .UsePurchaseSandbox(sandbox);
        if (outbox is not null)
        {
            sdk.AddDelivery(d => d.UseSqlite(outbox).Configure(o =>
            {
                o.MaxConcurrency = concurrency;
                o.BatchSize = concurrency;
                o.PollInterval = TimeSpan.FromMilliseconds(100);
            }));
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
        }

        return services;
    }

    private static void NoBudget(PurchaseSdk.Http.PurchaseProviderOptions options) => options.RateLimit.Enabled = false;
}
