using System.Globalization;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// <c>--steady-state</c>: how long raw, peer and SDK take to reach steady state, and where they stand once there. From
/// a fresh process, the three take turns in windows (one call at a time, Kit, mapped per call); every round prints µs
/// and bytes per call of each, and the cumulative seconds each has run. Steady state is where the rows stop falling:
/// the summary compares the last five rounds with the five before them. A diagnostic, not a benchmark.
/// </summary>
internal static class SteadyStateProbe
{
    public static async Task RunAsync(string[] args)
    {
        var seconds = Probe.IntOption(args, "--seconds", 90);
        var window = TimeSpan.FromMilliseconds(Probe.IntOption(args, "--window-ms", 1000));
        await using var scenario = await Scenario.StartAsync(TimeSpan.Zero, "Kit");
        var layers = scenario.KitLayers(Scenario.Purchase(1));

        Console.WriteLine($"Provider server: {scenario.Server.Url} ({(scenario.Server.OutOfProcess ? "own process" : "this process")}); {seconds} s in windows of {window.TotalMilliseconds:0} ms, one call at a time, Kit");
        Console.WriteLine($"{"round",5} {"s each",7} | {"raw µs",8} {"peer µs",8} {"SDK µs",8} | {"raw B",7} {"peer B",7} {"SDK B",7} | {"SDK/raw",7} {"SDK/peer",8}");
        var rows = new List<Window[]>();
        var end = DateTime.UtcNow.AddSeconds(seconds);
        var round = 0;
        while (DateTime.UtcNow < end)
        {
            var row = new Window[layers.Length];
            for (var l = 0; l < layers.Length; l++)
            {
                row[l] = await Probe.SequentialAsync(layers[l].Call, window);
            }

            rows.Add(row);
            round++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{round,5} {round * window.TotalSeconds,7:0} | {Probe.Micros(row[0].WallMicros),8} {Probe.Micros(row[1].WallMicros),8} {Probe.Micros(row[2].WallMicros),8} | " +
                $"{Probe.Bytes(row[0].AllocatedBytes),7} {Probe.Bytes(row[1].AllocatedBytes),7} {Probe.Bytes(row[2].AllocatedBytes),7} | " +
                $"{row[2].WallMicros / row[0].WallMicros,7:0.00} {row[2].WallMicros / row[1].WallMicros,8:0.00}"));
        }

        if (rows.Count < 10)
        {
            Console.WriteLine("Too few rounds for a steady-state check; give --seconds at least 10 windows per variant.");
            return;
        }

        var last = rows.TakeLast(5).ToArray();
        var before = rows.SkipLast(5).TakeLast(5).ToArray();
        Console.WriteLine();
        Console.WriteLine("Median of the last 5 rounds (change from the 5 before; steady state when within noise):");
        for (var l = 0; l < layers.Length; l++)
        {
            var now = Probe.Median(last.Select(r => r[l].WallMicros));
            var earlier = Probe.Median(before.Select(r => r[l].WallMicros));
            var cpu = Probe.Median(last.Select(r => r[l].CpuMicros));
            var bytes = Probe.Median(last.Select(r => r[l].AllocatedBytes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {layers[l].Name,-5} {Probe.Micros(now),7} µs/call ({(now - earlier) / earlier,6:+0.0%;-0.0%}), client CPU {Probe.Micros(cpu)} µs/call, {Probe.Bytes(bytes)} B/call"));
        }

        var raw = Probe.Median(last.Select(r => r[0].WallMicros));
        var peer = Probe.Median(last.Select(r => r[1].WallMicros));
        var sdk = Probe.Median(last.Select(r => r[2].WallMicros));
        var rawBytes = Probe.Median(last.Select(r => r[0].AllocatedBytes));
        var peerBytes = Probe.Median(last.Select(r => r[1].AllocatedBytes));
        var sdkBytes = Probe.Median(last.Select(r => r[2].AllocatedBytes));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  SDK/raw {sdk / raw:0.00}× time, {sdkBytes / rawBytes:0.00}× bytes; SDK/peer {sdk / peer:0.00}× time, {sdkBytes / peerBytes:0.00}× bytes"));

        // On a busy machine, medians of a few windows wander: the ratios of windows run next to each other (same noise)
        // and the fastest windows (least disturbed) over the second half are steadier.
        var half = rows.Skip(rows.Count / 2).ToArray();
        Console.WriteLine();
        Console.WriteLine($"Second half ({half.Length} rounds): median of each round's ratios, and the fastest window of each:");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  SDK/raw {Probe.Median(half.Select(r => r[2].WallMicros / r[0].WallMicros)):0.00}× time, SDK/peer {Probe.Median(half.Select(r => r[2].WallMicros / r[1].WallMicros)):0.00}× time, peer/raw {Probe.Median(half.Select(r => r[1].WallMicros / r[0].WallMicros)):0.00}× time"));
        for (var l = 0; l < layers.Length; l++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {layers[l].Name,-5} fastest {Probe.Micros(half.Min(r => r[l].WallMicros))} µs/call, lowest client CPU {Probe.Micros(half.Min(r => r[l].CpuMicros))} µs/call"));
        }
    }
}
