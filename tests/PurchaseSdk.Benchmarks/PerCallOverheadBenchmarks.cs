using BenchmarkDotNet.Attributes;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// 1. Per-call overhead: <c>ReportAsync</c> with one provider against a hand-written <c>HttpClient</c> post of the same
/// bytes, parsed with a source-generated context. Target: time ratio ≤ 1.10, allocations ≤ 2× the baseline.
/// </summary>
[MemoryDiagnoser]
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
        await Sdk();
        await Raw();
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _scenario.DisposeAsync();

    [Benchmark(Baseline = true, Description = "hand-written HttpClient")]
    public async Task<object?> Raw() => Provider == "Kit" ? await _scenario.RawKitAsync() : await _scenario.RawDripAsync();

    [Benchmark(Description = "ReportAsync")]
    public async Task<object?> Sdk()
    {
        var report = await _scenario.Reporter.ReportAsync(_purchase);
        return report.Succeeded ? report : throw new InvalidOperationException(report.ToString());
    }
}
