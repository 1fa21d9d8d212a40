using BenchmarkDotNet.Attributes;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// 2. Fan-out: all five providers, the server delaying every answer by 20 ms. Target: a mean <c>ReportAsync</c> of
/// at most 25 ms (parallel), against the five hand-written calls made in parallel.
/// </summary>
[MemoryDiagnoser]
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
        await Sdk();
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _scenario.DisposeAsync();

    [Benchmark(Baseline = true, Description = "5 hand-written posts, in parallel")]
    public Task Raw() => Task.WhenAll(_scenario.RawKitAsync(), _scenario.RawDripAsync(), _scenario.RawKitAsync(), _scenario.RawDripAsync(), _scenario.RawKitAsync());

    [Benchmark(Description = "ReportAsync, 5 providers")]
    public async Task<PurchaseReport> Sdk()
    {
        var report = await _scenario.Reporter.ReportAsync(_purchase);
        return report.Succeeded ? report : throw new InvalidOperationException(report.ToString());
    }
}
