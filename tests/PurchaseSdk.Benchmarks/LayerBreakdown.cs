using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Kit;
using Refit;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// <c>--layers</c>: where the per-call cost goes, layer by layer, for one Kit purchase: the hand-written call, Refit's
/// generated client over a bare HttpClient, the SDK's typed client (the whole pipeline), and <c>ReportAsync</c>.
/// Prints allocated bytes per call and the time per purchase with 64 in flight. A diagnostic, not a benchmark.
/// </summary>
internal static class LayerBreakdown
{
    public static async Task RunAsync()
    {
        await using var scenario = await Scenario.StartAsync(TimeSpan.Zero, "Kit");
        var purchase = Scenario.Purchase(1);
        var body = KitPurchaseMapper.Map(purchase, "paid");
        var typed = scenario.Services.GetRequiredService<IKitApi>();
        using var bareClient = new HttpClient(new SocketsHttpHandler()) { BaseAddress = scenario.Server.Provider("kit/") };
        bareClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Scenario.KitToken);
        var bare = RestService.ForGenerated<IKitApi>(bareClient, new RefitSettings
        {
            ContentSerializer = SystemTextJsonContentSerializer.ForContext(KitJsonContext.Default),
            RequestBodySerialization = RequestBodySerializationMode.Buffered,
            Buffered = true,
        });
        var layers = new (string Name, Func<Task> Call)[]
        {
            ("hand-written HttpClient", () => scenario.RawKitAsync()),
            ("Refit, bare HttpClient", () => bare.CreatePurchaseAsync(body)),
            ("IKitApi (SDK pipeline)", () => typed.CreatePurchaseAsync(body)),
            ("ReportAsync", () => scenario.Reporter.ReportAsync(purchase)),
        };

        Console.WriteLine("Allocated bytes per call (this process: client and server):");
        foreach (var (name, call) in layers)
        {
            for (var i = 0; i < 200; i++)
            {
                await call();
            }

            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < 2000; i++)
            {
                await call();
            }

            Console.WriteLine($"  {name,-26} {(GC.GetTotalAllocatedBytes(precise: true) - before) / 2000.0,8:0} B");
        }

        Console.WriteLine("Time per purchase, 64 in flight (rounds interleaved, first discarded):");
        var totals = new double[layers.Length];
        for (var round = 0; round < 6; round++)
        {
            for (var l = 0; l < layers.Length; l++)
            {
                var call = layers[l].Call;
                var watch = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, 3200), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (_, _) => await call());
                if (round > 0)
                {
                    totals[l] += watch.Elapsed.TotalMicroseconds / 3200;
                }
            }
        }

        for (var l = 0; l < layers.Length; l++)
        {
            Console.WriteLine($"  {layers[l].Name,-26} {totals[l] / 5,8:0.0} us");
        }
    }
}
