using BenchmarkDotNet.Attributes;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// 3. Throughput: 640 purchases to one provider (Kit) with 64 calls in flight, three ways side by side: the fair raw
/// call (baseline), the peer and <c>ReportAsync</c>. Times are per purchase (<c>OperationsPerInvoke</c>), so
/// purchases per second = 1 / mean and the throughput ratio = 1 / the time ratio. Target: SDK ≥ 0.65× raw throughput.
/// </summary>
[MemoryDiagnoser]
[SteadyStateJob]
public class ThroughputBenchmarks
{
    private const int Batch = 640;
    private const int Concurrency = 64;
    private static readonly ParallelOptions InFlight = new() { MaxDegreeOfParallelism = Concurrency };
    private Scenario _scenario = null!;
    private Purchase[] _purchases = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        _scenario = await Scenario.StartAsync(TimeSpan.Zero, "Kit");
        _purchases = [.. Enumerable.Range(0, Batch).Select(Scenario.Purchase)];
        await Raw();
        await Peer();
        await Sdk();
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _scenario.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "raw HttpClient, 64 in flight")]
    public Task Raw() => Parallel.ForEachAsync(_purchases, InFlight, async (purchase, _) => await _scenario.RawKitAsync(purchase));

    [Benchmark(OperationsPerInvoke = Batch, Description = "peer, 64 in flight")]
    public Task Peer() => Parallel.ForEachAsync(_purchases, InFlight, async (purchase, _) => await _scenario.PeerKitAsync(purchase));

    [Benchmark(OperationsPerInvoke = Batch, Description = "SDK ReportAsync, 64 in flight")]
    public Task Sdk() => Parallel.ForEachAsync(_purchases, InFlight, async (purchase, cancellationToken) => await _scenario.SdkAsync(purchase, cancellationToken));
}
