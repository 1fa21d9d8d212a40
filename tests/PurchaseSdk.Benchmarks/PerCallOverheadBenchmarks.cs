using BenchmarkDotNet.Attributes;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// 1. Per-call cost: one purchase to one provider (Kit, then Drip), one call at a time, three ways side by side: the
/// fair raw call (baseline), the peer (Refit + IHttpClientFactory + standard resilience) and <c>ReportAsync</c>. All
/// three map and serialise the purchase per call. Targets: SDK ≤ 1.0× the peer's time and ≤ 0.95× its allocations,
/// ≤ 1.5× the raw call's time.
/// </summary>
[MemoryDiagnoser]
[SteadyStateJob]
public class PerCallOverheadBenchmarks
{
    private Scenario _scenario = null!;
    private Purchase _purchase = null!;

    [Params("Kit", "Drip")]
    public string Provider { get; set; } = "Kit";

    [GlobalSetup]
    public async Task SetUp()
    {
        _scenario = await Scenario.StartAsync(TimeSpan.Zero, Provider);
        _purchase = Scenario.Purchase(1);
        await Raw();
        await Peer();
        await Sdk();
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _scenario.DisposeAsync();

    [Benchmark(Baseline = true, Description = "raw HttpClient")]
    public async Task<object?> Raw() => Provider == "Kit" ? await _scenario.RawKitAsync(_purchase) : await _scenario.RawDripAsync(_purchase);

    [Benchmark(Description = "peer: Refit + standard resilience")]
    public async Task<object?> Peer()
    {
        if (Provider == "Kit")
        {
            return await _scenario.PeerKitAsync(_purchase);
        }

        await _scenario.PeerDripAsync(_purchase);
        return null;
    }

    [Benchmark(Description = "SDK: ReportAsync")]
    public async Task<object?> Sdk() => await _scenario.SdkAsync(_purchase);
}
