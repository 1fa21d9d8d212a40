using BenchmarkDotNet.Attributes;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// 2. Fan-out: all five providers, the server delaying every answer by 20 ms. Target: a mean <c>ReportAsync</c> of
/// at most 25 ms (parallel, not 100 ms sequential). For reference, five raw calls (Kit and Drip, mapped per call) made
/// in parallel.
/// </summary>
[MemoryDiagnoser]
[SteadyStateJob]
public class FanOutBenchmarks
{
    private static readonly string[] AllProviders = ["Scout", "Rundl", "Kit", "Drip", "ElasticPath"];
    private Scenario _scenario = null!;
    private Purchase _purchase = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        _scenario = await Scenario.StartAsync(TimeSpan.FromMilliseconds(20), AllProviders);
        _purchase = Scenario.Purchase(1);
        await Raw();
        await Sdk();
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _scenario.DisposeAsync();

    [Benchmark(Baseline = true, Description = "5 raw posts, in parallel")]
    public Task Raw() => Task.WhenAll(
        _scenario.RawKitAsync(_purchase), _scenario.RawDripAsync(_purchase), _scenario.RawKitAsync(_purchase), _scenario.RawDripAsync(_purchase), _scenario.RawKitAsync(_purchase));

    [Benchmark(Description = "ReportAsync, 5 providers")]
    public Task<PurchaseReport> Sdk() => _scenario.SdkAsync(_purchase);
}
