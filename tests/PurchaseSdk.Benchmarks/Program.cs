// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project tests/PurchaseSdk.Benchmarks -- --layers     (where the per-call cost goes)
if (args is ["--layers"])
{
    await PurchaseSdk.Benchmarks.LayerBreakdown.RunAsync();
    return;
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(PurchaseSdk.Benchmarks.ProviderServer).Assembly).Run(args);
