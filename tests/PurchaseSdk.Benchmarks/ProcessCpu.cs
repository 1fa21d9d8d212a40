using System.Globalization;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// CPU seconds a process has used, read from <c>/proc/&lt;pid&gt;/stat</c> (Linux only; NaN elsewhere): user + system
/// time, and with <c>withChildren</c> also its exited children's and its live children's (for the PostgreSQL
/// postmaster, whose backends come and go).
/// </summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux.

    public static double Seconds(int pid, bool withChildren = false)
    {
        if (!OperatingSystem.IsLinux() || Fields(pid) is not { } fields)
        {
            return double.NaN;
        }

        // Fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
        var own = Tick(fields[11]) + Tick(fields[12]);
        if (!withChildren)
        {
            return own / TicksPerSecond;
        }

        var reaped = Tick(fields[13]) + Tick(fields[14]);
        var live = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var child) ? child : 0)
            .Where(child => child > 0 && Fields(child) is { } f && f[1] == pid.ToString(CultureInfo.InvariantCulture))
            .Sum(child => Fields(child) is { } f ? Tick(f[11]) + Tick(f[12]) : 0);
        return (own + reaped + live) / TicksPerSecond;
    }

    private static long Tick(string field) => long.Parse(field, CultureInfo.InvariantCulture);

    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
