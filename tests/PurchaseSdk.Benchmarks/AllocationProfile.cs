using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// <c>--alloc-types</c>: which types raw, peer and SDK allocate per call (Kit, one call at a time, after a warm-up),
/// from the runtime's sampled allocation events (GCAllocationTick: one event per ~100 KB allocated, naming the type
/// that crossed the mark), scaled to bytes per call. Sampled: types below ~1 % of a call's bytes are noise. The provider
/// server runs in its own process, so every allocation counted is the client's. A diagnostic, not a benchmark.
/// </summary>
internal static class AllocationProfile
{
    public static async Task RunAsync(string[] args)
    {
        var calls = Probe.IntOption(args, "--calls", 40000);
        var top = Probe.IntOption(args, "--top", 25);
        var warmup = TimeSpan.FromSeconds(Probe.IntOption(args, "--warmup", 20));
        await using var scenario = await Scenario.StartAsync(TimeSpan.Zero, "Kit");
        var layers = scenario.KitLayers(Scenario.Purchase(1));

        Console.WriteLine($"Warm-up {warmup.TotalSeconds:0} s per variant, then {calls} calls each, sampled by GCAllocationTick ...");
        foreach (var layer in layers)
        {
            await Probe.SequentialAsync(layer.Call, warmup);
        }

        using var listener = new AllocationListener();
        var profiles = new List<(string Name, Dictionary<string, double> BytesPerCall, double Total)>();
        foreach (var layer in layers)
        {
            await Task.Delay(1000);
            listener.Reset();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < calls; i++)
            {
                await layer.Call();
            }

            var total = (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / calls;
            await Task.Delay(2000); // the runtime delivers its events to the listener with a delay
            var sampled = listener.Take();
            var sum = sampled.Values.Sum();
            // Scale the samples to the exact total, so the types' bytes add up to what the call allocates.
            profiles.Add((layer.Name, sampled.ToDictionary(p => p.Key, p => sum == 0 ? 0 : p.Value / sum * total), total));
        }

        foreach (var (name, bytes, total) in profiles)
        {
            Console.WriteLine();
            Console.WriteLine($"{name}: {total:0} B per call; top types (sampled, B per call):");
            foreach (var (type, value) in bytes.OrderByDescending(p => p.Value).Take(top))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value,7:0}  {type}"));
            }
        }

        var peer = profiles[1].BytesPerCall;
        var sdk = profiles[2].BytesPerCall;
        Console.WriteLine();
        Console.WriteLine($"SDK minus peer, by type (B per call; + = the SDK allocates more; total {profiles[2].Total - profiles[1].Total:+0;-0}):");
        foreach (var type in sdk.Keys.Union(peer.Keys)
            .Select(t => (Type: t, Diff: sdk.GetValueOrDefault(t) - peer.GetValueOrDefault(t)))
            .OrderByDescending(d => Math.Abs(d.Diff)).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {type.Diff,7:+0;-0}  {type.Type}"));
        }
    }

    private sealed class AllocationListener : EventListener
    {
        private ConcurrentDictionary<string, double> _bytes = new();

        public void Reset() => _bytes = new ConcurrentDictionary<string, double>();

        public Dictionary<string, double> Take() => new(_bytes);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick is verbose
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
            {
                return;
            }

            var type = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload![t] as string ?? "?" : "?";
            var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0
                ? Convert.ToDouble(eventData.Payload![a], CultureInfo.InvariantCulture)
                : eventData.PayloadNames.IndexOf("AllocationAmount") is var b and >= 0 ? Convert.ToDouble(eventData.Payload![b], CultureInfo.InvariantCulture) : 0;
            _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        }
    }
}
