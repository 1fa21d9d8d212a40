// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --filter '*'      BenchmarkDotNet, steady-state job
// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --layers          where the per-call cost goes
// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --steady-state    how long until steady state
// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --alloc-types     which types each allocates per call
// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --cold-start      first report in a fresh process
// (README.md in this folder has the options.)
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using PurchaseSdk.Benchmarks;

switch (args)
{
    case ["--serve", ..]:
        await ProviderServer.ServeAsync();
        return;
    case ["--cold-start", ..]:
        Environment.ExitCode = await ColdStartDriver.RunAsync(args);
        return;
}

// Every other mode talks to a provider server in a process of its own (see ServerProcess).
using var server = Environment.GetEnvironmentVariable(ServerProcess.UrlVariable) is { Length: > 0 } ? null : ServerProcess.Start();
if (server is not null)
{
    Environment.SetEnvironmentVariable(ServerProcess.UrlVariable, server.Url.ToString());
}

switch (args)
{
    case ["--layers", ..]:
        await LayerBreakdown.RunAsync(args);
        return;
    case ["--steady-state", ..]:
        await SteadyStateProbe.RunAsync(args);
        return;
    case ["--alloc-types", ..]:
        await AllocationProfile.RunAsync(args);
        return;
}

// Steady state: Refit, Polly and Microsoft.Extensions.* ship as IL only and take seconds of load to reach their
// optimised code, so 40 warm-up iterations (~20 s of load per benchmark process) precede 20 measured ones.
// A --job on the command line (dry, short, ...) replaces this job, for quick checks.
IConfig config = DefaultConfig.Instance;
if (!args.Any(a => a is "--job" or "-j" or "--warmupCount" or "--iterationCount"))
{
    config = config.AddJob(Job.Default.WithWarmupCount(40).WithIterationCount(20).WithId("SteadyState"));
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(ProviderServer).Assembly).Run(args, config);
