using System.Diagnostics;
using System.Globalization;

namespace PurchaseSdk.Benchmarks;

/// <summary>One way to make a call, measured by <see cref="Probe"/>.</summary>
internal sealed record Layer(string Name, Func<Task> Call);

/// <summary>What one measured window saw, per call.</summary>
internal readonly record struct Window(long Calls, double WallMicros, double CpuMicros, double AllocatedBytes);

/// <summary>
/// Stopwatch windows for the diagnostics (<c>--layers</c>, <c>--steady-state</c>): wall time, this process's CPU time
/// and the bytes allocated by every thread of this process, per call. With the provider server in its own process
/// (the default), CPU and allocations are the client's alone.
/// </summary>
internal static class Probe
{
    /// <summary>Calls one at a time for <paramref name="duration"/>.</summary>
    public static async Task<Window> SequentialAsync(Func<Task> call, TimeSpan duration)
    {
        var start = Begin();
        var end = start.Timestamp + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long calls = 0;
        do
        {
            await call();
            calls++;
        }
        while (Stopwatch.GetTimestamp() < end);

        return start.End(calls);
    }

    /// <summary><paramref name="inFlight"/> callers making calls for <paramref name="duration"/>.</summary>
    public static async Task<Window> ConcurrentAsync(Func<Task> call, int inFlight, TimeSpan duration)
    {
        var start = Begin();
        var end = start.Timestamp + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long calls = 0;
        var callers = new Task[inFlight];
        for (var i = 0; i < inFlight; i++)
        {
            callers[i] = Task.Run(async () =>
            {
                do
                {
                    await call();
                    Interlocked.Increment(ref calls);
                }
                while (Stopwatch.GetTimestamp() < end);
            });
        }

        await Task.WhenAll(callers);
        return start.End(calls);
    }

    public static string Micros(double value) => value.ToString(value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    public static string Bytes(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static Start Begin()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return new Start(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(precise: true));
    }

    private readonly record struct Start(long Timestamp, TimeSpan Cpu, long Allocated)
    {
        public Window End(long calls)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - Allocated;
            var cpu = Environment.CpuUsage.TotalTime - Cpu;
            var wall = Stopwatch.GetElapsedTime(Timestamp);
            return new Window(calls, wall.TotalMicroseconds / calls, cpu.TotalMicroseconds / calls, (double)allocated / calls);
        }
    }
}
