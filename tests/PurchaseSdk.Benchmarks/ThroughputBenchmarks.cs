using BenchmarkDotNet.Attributes;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// 3. Throughput: purchases per second with 64 concurrent <c>ReportAsync</c> calls to one provider (Kit), against 64
/// concurrent hand-written posts. Each invocation reports <see cref="Batch"/> purchases; times are per purchase, so
/// purchases per second = 1 / mean. Target: ratio of throughputs ≥ 0.90.
/// </summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private const int Batch = 640;
    private const int Concurrency = 64;
    private Scenario _scenario = null!;
    private Purchase[] _purchases = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        _scenario = await Scenario.StartAsync(TimeSpan.Zero, "Kit");
        _purchases = [.. Enumerable.Range(0, Batch).Select(Scenario.Purchase)];
        await Sdk();
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _scenario.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "64 concurrent hand-written posts")]
    public Task Raw() => Parallel.ForEachAsync(_purchases, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (_, _) => await _scenario.RawKitAsync());

    [Benchmark(OperationsPerInvoke = Batch, Description = "64 concurrent ReportAsync")]
    public Task Sdk() => Parallel.ForEachAsync(_purchases, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (purchase, cancellationToken) =>
    {
        var report = await _scenario.Reporter.ReportAsync(purchase, cancellationToken);
        if (!report.Succeeded)
        {
            throw new InvalidOperationException(report.ToString());
        }
    });
}
