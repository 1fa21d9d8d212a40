// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --filter '*'      BenchmarkDotNet, steady-state job
// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --layers          where the per-call cost goes
// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --steady-state    how long until steady state
// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --alloc-types     which types each allocates per call
// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --cold-start      first report in a fresh process
// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --pg-scale        delivery on PostgreSQL with 1, 2, 4 worker processes
// (README.md in this folder has the options.)
using PurchaseSdk.Benchmarks;

switch (args)
{
    case ["--serve", ..]:
        await ProviderServer.ServeAsync();
        return;
    case ["--cold-start", ..]:
        Environment.ExitCode = await ColdStartDriver.RunAsync(args);
        return;
    case ["--pg-scale", ..]:
        await PostgreSqlScaleHarness.RunAsync(args);
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

// The benchmarks behind the README's table carry [SteadyStateJob] (40 warm-up, 20 measured iterations); a job named on
// the command line (--job dry, --job short, ...) replaces it, for quick checks.
SteadyStateJobAttribute.Disabled = args.Any(a => a is "--job" or "-j" or "--warmupCount" or "--iterationCount" or "--runOncePerIteration");
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(ProviderServer).Assembly).Run(args);
