using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// The job of the benchmarks behind the README's table: 40 warm-up iterations (BenchmarkDotNet's 500 ms iterations,
/// ~20 s of load per benchmark process) before 20 measured ones, because Refit, Polly and Microsoft.Extensions.* ship
/// as IL only and take seconds of load to reach optimised code. When the command line names a job (<c>--job dry</c>,
/// <c>--job short</c>, <c>--warmupCount</c>, ...), Program sets <see cref="Disabled"/> and that job runs alone.
/// </summary>
/// <remarks>
/// A class attribute rather than a job in the global config: BenchmarkDotNet merges a global default job into every
/// class's own job attribute (a class that declares "1 warm-up" would get 40), and runs a global non-default job in
/// addition to it.
/// </remarks>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SteadyStateJobAttribute : Attribute, IConfigSource
{
    public static readonly Job Job = BenchmarkDotNet.Jobs.Job.Default.WithWarmupCount(40).WithIterationCount(20).WithId("SteadyState");

    public static bool Disabled { get; set; }

    public IConfig Config => Disabled ? ManualConfig.CreateEmpty() : ManualConfig.CreateEmpty().AddJob(Job);
}
