using System.Diagnostics;
using System.Globalization;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// <c>--cold-start</c>: the time from starting a fresh process to its first (and tenth) completed report. It publishes
/// the child programs (tests/PurchaseSdk.ColdStart on the JIT and with ReadyToRun; the Native AOT sample natively and
/// on the JIT), serves the provider answers from this process, then starts each variant as a whole process
/// <c>--runs</c> times, interleaved, after one discarded round, and prints min and median per variant.
/// </summary>
/// <remarks>
/// The clock is <see cref="Stopwatch"/> (CLOCK_MONOTONIC on Linux, one clock for every process): the driver reads it
/// just before starting the process; the ColdStart child reports its own readings of it when it entered Main, when its
/// services were built, and when its first and last report completed. The samples cannot be changed to report times:
/// their "first report" is when their first output line (printed right after ReportAsync returns) reaches the driver.
/// </remarks>
internal static class ColdStartDriver
{
    private static readonly (string Key, string Name, string Folder, string Program, string Mode)[] Variants =
    [
        ("raw", "raw HttpClient (JIT)", "jit", "PurchaseSdk.ColdStart", "raw"),
        ("peer", "peer: Refit + standard resilience (JIT)", "jit", "PurchaseSdk.ColdStart", "peer"),
        ("sdk", "SDK ReportAsync (JIT)", "jit", "PurchaseSdk.ColdStart", "sdk"),
        ("sdk-r2r-sdk", "SDK, ReadyToRun PurchaseSdk*.dll only", "r2r-sdk", "PurchaseSdk.ColdStart", "sdk"),
        ("raw-r2r", "raw, app published ReadyToRun", "r2r-all", "PurchaseSdk.ColdStart", "raw"),
        ("peer-r2r", "peer, app published ReadyToRun", "r2r-all", "PurchaseSdk.ColdStart", "peer"),
        ("sdk-r2r", "SDK, app published ReadyToRun", "r2r-all", "PurchaseSdk.ColdStart", "sdk"),
        ("sample-jit", "AOT sample, 5 providers, on the JIT", "sample-jit", "PurchaseSdk.Samples.Aot", string.Empty),
        ("sample-aot", "AOT sample, 5 providers, Native AOT", "aot", "PurchaseSdk.Samples.Aot", string.Empty),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Probe.IntOption(args, "--runs", 10);
        var reports = Probe.IntOption(args, "--reports", 10);
        var keys = OptionValue(args, "--variants")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? Variants.Select(v => v.Key).ToArray();
        var selected = Variants.Where(v => keys.Contains(v.Key)).ToArray();
        var root = FindRepositoryRoot();
        var output = OptionValue(args, "--out") ?? Path.Combine(root, "artifacts", "coldstart");

        if (!args.Contains("--no-publish"))
        {
            var publishes = new (string Folder, string Command)[]
            {
                ("jit", "publish tests/PurchaseSdk.ColdStart -c Release -r linux-x64 --self-contained false"),
                ("r2r-sdk", "publish tests/PurchaseSdk.ColdStart -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:ReadyToRunSdkOnly=true"),
                ("r2r-all", "publish tests/PurchaseSdk.ColdStart -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true"),
                ("sample-jit", "publish samples/PurchaseSdk.Samples.Aot -c Release -r linux-x64 --self-contained false -p:PublishAot=false"),
                ("aot", "publish samples/PurchaseSdk.Samples.Aot -c Release -r linux-x64"),
            };
            foreach (var (folder, command) in publishes.Where(p => selected.Any(v => v.Folder == p.Folder)))
            {
                var target = Path.Combine(output, folder);
                var line = $"{command} -o {target}";
                Console.WriteLine("dotnet " + line);
                if (!await PublishAsync(root, line, Path.Combine(output, folder + ".publish.log")))
                {
                    Console.Error.WriteLine($"publish failed; see {Path.Combine(output, folder + ".publish.log")}");
                    return 1;
                }
            }
        }

        await using var server = await ProviderServer.StartAsync(TimeSpan.Zero);
        await WarmServerAsync(server.Url);
        Console.WriteLine($"Provider server in the driver process at {server.Url}; {runs} runs per variant (after one discarded round), {reports} reports per ColdStart run.");

        var results = selected.ToDictionary(v => v.Key, _ => new List<Run>());
        var shuffle = new Random(16);
        for (var round = -1; round < runs; round++)
        {
            foreach (var variant in selected.OrderBy(_ => shuffle.Next()))
            {
                var exe = Path.Combine(output, variant.Folder, variant.Program);
                var run = RunOnce(exe, variant.Mode, server.Url, reports);
                if (run.Error is not null)
                {
                    Console.Error.WriteLine($"{variant.Name}: {run.Error}");
                    return 1;
                }

                if (round >= 0)
                {
                    results[variant.Key].Add(run);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"ms from process start; min / median of {runs} runs ('Main', 'ready', JIT: medians). 'ready': services built, nothing sent yet. 'last': report {reports} completed.");
        Console.WriteLine("'JIT ms' / 'methods': time the JIT spent and methods it compiled by the first report (JitInfo; ReadyToRun code needs no JIT).");
        Console.WriteLine($"  {"variant",-42} {"Main",6} {"ready",7} {"first report",15} {"last report",15} {"exit",15} {"JIT ms",7} {"methods",8}");
        foreach (var variant in selected)
        {
            var r = results[variant.Key];
            Console.WriteLine($"  {variant.Name,-42} {Stat(r, x => x.Main),6} {Stat(r, x => x.Ready),7} {MinMedian(r, x => x.First),15} {MinMedian(r, x => x.Last),15} {MinMedian(r, x => x.Exit),15} {Stat(r, x => x.JitMsFirst),7} {Stat(r, x => x.JitMethodsFirst, "0"),8}");
        }

        Console.WriteLine("The samples print no times: their 'first report' is their first output line (after ReportAsync returned) reaching the driver; they make one report.");
        return 0;
    }

    private sealed record Run(double? Main, double? Ready, double First, double? Last, double Exit, string? Error = null)
    {
        /// <summary>JIT time (ms) and methods compiled by the first report, as the ColdStart child reports them.</summary>
        public double? JitMsFirst { get; init; }

        public double? JitMethodsFirst { get; init; }
    }

    private static Run RunOnce(string exe, string mode, Uri server, int reports)
    {
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (mode.Length > 0)
        {
            start.ArgumentList.Add(mode);
            start.ArgumentList.Add(server.ToString());
            start.ArgumentList.Add(reports.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            // The Native AOT sample: its base URL, and credentials from the environment (the server checks none).
            start.ArgumentList.Add(server.ToString());
            foreach (var (name, value) in SampleEnvironment)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment.Remove(ServerProcess.UrlVariable);
        var t0 = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        long firstLine = 0;
        string? report = null;
        var reader = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                if (firstLine == 0)
                {
                    firstLine = Stopwatch.GetTimestamp();
                }

                if (line.StartsWith("coldstart ", StringComparison.Ordinal))
                {
                    report = line;
                }
            }
        });
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var exit = Stopwatch.GetTimestamp();
        reader.Wait();
        if (process.ExitCode != 0)
        {
            return new Run(null, null, 0, null, 0, $"exit code {process.ExitCode}: {errors.Result}");
        }

        double Ms(long timestamp) => (timestamp - t0) * 1000.0 / Stopwatch.Frequency;
        if (report is null)
        {
            return new Run(null, null, Ms(firstLine), null, Ms(exit));
        }

        var values = report.Split(' ').Skip(1).Select(p => p.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
        return new Run(Ms(values["main"]), Ms(values["ready"]), Ms(values["first"]), Ms(values["last"]), Ms(exit))
        {
            JitMsFirst = values.TryGetValue("jitus_first", out var jit) ? jit / 1000.0 : null,
            JitMethodsFirst = values.TryGetValue("jitn_first", out var methods) ? methods : null,
        };
    }

    private static readonly (string Name, string Value)[] SampleEnvironment =
    [
        ("PurchaseSdk__Kit__AccessToken", "coldstart"),
        ("PurchaseSdk__Scout__ApiKey", "coldstart"),
        ("PurchaseSdk__Rundl__AccessToken", "coldstart"),
        ("PurchaseSdk__Drip__AccountId", "9999999"),
        ("PurchaseSdk__Drip__ApiKey", "coldstart"),
        ("PurchaseSdk__ElasticPath__ClientId", "coldstart"),
        ("PurchaseSdk__ElasticPath__ClientSecret", "coldstart"),
        ("Sample__ScoutUserId", "1"),
        ("Sample__ScoutAccessToken", "coldstart"),
    ];

    private static string Stat(List<Run> runs, Func<Run, double?> pick, string format = "0.0")
    {
        var values = runs.Select(pick).Where(v => v is not null).Select(v => v!.Value).ToArray();
        return values.Length == 0 ? "-" : Probe.Median(values).ToString(format, CultureInfo.InvariantCulture);
    }

    private static string MinMedian(List<Run> runs, Func<Run, double?> pick)
    {
        var values = runs.Select(pick).Where(v => v is not null).Select(v => v!.Value).ToArray();
        return values.Length == 0
            ? "-"
            : string.Create(CultureInfo.InvariantCulture, $"{values.Min():0.0} / {Probe.Median(values):0.0}");
    }

    /// <summary>The server answers its first requests slowly (its own JIT); the children should not pay for that.</summary>
    private static async Task WarmServerAsync(Uri server)
    {
        using var client = new HttpClient();
        var body = new ByteArrayContent("{}"u8.ToArray());
        foreach (var path in new[] { "kit/v4/purchases", "scout/ingest", "rundl/api/checkouts", "drip/v2/1/subscribers/a/purchases", "elasticpath/oauth/access_token", "elasticpath/v2/carts/c/checkout" })
        {
            for (var i = 0; i < 200; i++)
            {
                using var response = await client.PostAsync(new Uri(server, path), body);
            }
        }
    }

    private static async Task<bool> PublishAsync(string root, string arguments, string log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await File.WriteAllTextAsync(log, await stdout + await stderr);
        return process.ExitCode == 0;
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PurchaseSdk.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the cold-start driver from inside the repository (no PurchaseSdk.sln found above the current directory).");
    }

    private static string? OptionValue(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
