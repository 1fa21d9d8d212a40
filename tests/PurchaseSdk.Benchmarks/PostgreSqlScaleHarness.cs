using System.Diagnostics;
using System.Globalization;
using Npgsql;
using PurchaseSdk.Delivery.PostgreSql;
using PurchaseSdk.Delivery.Tests.Crash;
using PurchaseSdk.Delivery.Tests.PostgreSql.Support;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// <c>--pg-scale</c>: how delivery on the PostgreSQL store scales out, measured (not BenchmarkDotNet: the unit of work
/// is whole worker processes). A throw-away cluster and the sandbox (the console sample's <c>--serve</c>, every
/// answer held <c>--latency-ms</c>) in processes of their own; for 1, 2 and 4 worker processes (the crash tests'
/// host, <c>serve</c> mode, <c>--concurrency</c> deliveries in flight each), in interleaved rounds: a warm-up batch
/// first (<c>--warmup</c> purchases per worker process: each process's JIT warms up on its own), then a measured batch
/// that was enqueued before the workers started and held back until now is released at once; deliveries per second
/// between 5 % and 95 % of it, read from the database every 50 ms, and the cores the workers, the sandbox and
/// PostgreSQL used meanwhile (from /proc), which say what saturates.
/// Then the claim cost: claims per second of an idle queue (nothing due) through <c>ClaimAsync</c> and through a
/// bare <c>SELECT … FOR UPDATE SKIP LOCKED</c> of the same rows, in interleaved one-second rounds.
/// </summary>
internal static class PostgreSqlScaleHarness
{
    public static async Task RunAsync(string[] args)
    {
        var latency = Option(args, "--latency-ms", 20);
        var concurrency = Option(args, "--concurrency", 4);
        var purchases = Option(args, "--purchases", 800);
        var warmup = Option(args, "--warmup", 300);
        var rounds = Option(args, "--rounds", 2);
        var processCounts = (Text(args, "--processes") ?? "1,2,4").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var folder = Path.Combine(Path.GetTempPath(), "purchasesdk-scale-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        Console.WriteLine($"PostgreSQL scale-out: sandbox answers after {latency} ms; {concurrency} deliveries in flight per worker process; " +
            $"{purchases} purchases x 5 providers measured per run after {warmup} x 5 warm-up per worker process (each JIT warms up on its own); {rounds} round(s) of {string.Join(", ", processCounts)} process(es); {Environment.ProcessorCount} cores.");

        await using var cluster = await PostgresCluster.StartNewAsync();
        using var sandbox = StartChild(Dll("PurchaseSdk.Samples.Console", "samples"), null, "--serve", Path.Combine(folder, "sandbox.env"), "--latency-ms", latency.ToString(CultureInfo.InvariantCulture));
        await WaitForLineAsync(sandbox, "PurchaseSandbox serving at");
        var results = processCounts.ToDictionary(n => n, _ => new List<ScaleRun>());
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var n in round % 2 == 1 ? processCounts : processCounts.Reverse())
                {
                    var run = await MeasureAsync(cluster, sandbox, folder, n, concurrency, purchases, warmup, $"r{round}n{n}");
                    results[n].Add(run);
                    Console.WriteLine($"  round {round}: {n} worker process(es): {run}");
                }
            }

            Console.WriteLine();
            Console.WriteLine($"| worker processes × in flight | deliveries/s, median (rounds) | × one process | cores used: workers / sandbox / PostgreSQL / total of {Environment.ProcessorCount} (median) |");
            Console.WriteLine("| --- | --- | --- | --- |");
            var one = Median(results[processCounts[0]].Select(r => r.PerSecond));
            foreach (var n in processCounts)
            {
                var runs = results[n];
                var rate = Median(runs.Select(r => r.PerSecond));
                Console.WriteLine(FormattableString.Invariant(
                    $"| {n} × {concurrency} | {rate:0} ({string.Join(", ", runs.Select(r => r.PerSecond.ToString("0", CultureInfo.InvariantCulture)))}) | {rate / one:0.00} | {Median(runs.Select(r => r.Workers)):0.00} / {Median(runs.Select(r => r.Sandbox)):0.00} / {Median(runs.Select(r => r.Postgres)):0.00} / {Median(runs.Select(r => r.Total)):0.00} |"));
            }

            await ClaimCostAsync(cluster, processCounts[0]);
        }
        finally
        {
            sandbox.CloseInput();
            await sandbox.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ScaleRun> MeasureAsync(PostgresCluster cluster, ChildProcess sandbox, string folder, int processes, int concurrency, int purchases, int warmup, string name)
    {
        await using (var admin = NpgsqlDataSource.Create(cluster.ConnectionString()))
        await using (var create = admin.CreateCommand($"CREATE DATABASE scale_{name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = cluster.ConnectionString("scale_" + name);
        var environment = new Dictionary<string, string> { ["PurchaseSdk__Delivery__PostgreSql__ConnectionString"] = connectionString };
        var keys = Path.Combine(folder, "keys");
        var sandboxEnvironment = Path.Combine(folder, "sandbox.env");
        var host = Dll("PurchaseSdk.Delivery.CrashHost", "tests");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        // The measured batch, held back (due in an hour) until the workers are warm.
        await EnqueueAsync(host, environment, keys, sandboxEnvironment, purchases, first: 0, prefix: "measured");
        await using (var hold = dataSource.CreateCommand("UPDATE purchasesdk.deliveries SET due_at = now() + interval '1 hour'"))
        {
            await hold.ExecuteNonQueryAsync();
        }

        // Every worker process compiles its own code (tier 0, then tier 1 after enough calls): each needs its own warm-up.
        await EnqueueAsync(host, environment, keys, sandboxEnvironment, warmup * processes, first: 50_000, prefix: "warmup");
        var workers = Enumerable.Range(0, processes)
            .Select(_ => StartChild(host, environment, "serve", "postgresql", keys, sandboxEnvironment, concurrency.ToString(CultureInfo.InvariantCulture), "30000"))
            .ToList();
        try
        {
            foreach (var worker in workers)
            {
                await WaitForLineAsync(worker, "READY");
            }

            await WaitAsync(dataSource, "SELECT count(*) FROM purchasesdk.deliveries WHERE state = 'Pending' AND order_id LIKE 'warmup-%'", 0, TimeSpan.FromMinutes(5));

            // Release: due now, and a notification wakes every worker at once.
            var total = purchases * 5;
            var cpu = CpuNow(cluster, sandbox, workers);
            var clock = Stopwatch.StartNew();
            await using (var release = dataSource.CreateCommand("UPDATE purchasesdk.deliveries SET due_at = now() WHERE state = 'Pending'; NOTIFY purchasesdk_due"))
            {
                await release.ExecuteNonQueryAsync();
            }

            var samples = new List<(double Seconds, long Done)>();
            await using var count = dataSource.CreateCommand("SELECT count(*) FROM purchasesdk.deliveries WHERE state <> 'Pending' AND order_id LIKE 'measured-%'");
            while (true)
            {
                var done = (long)(await count.ExecuteScalarAsync())!;
                samples.Add((clock.Elapsed.TotalSeconds, done));
                if (done >= total)
                {
                    break;
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new InvalidOperationException($"{processes} worker process(es): {done} of {total} delivered after 10 minutes.");
                }

                await Task.Delay(50);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var used = CpuNow(cluster, sandbox, workers);
            var low = samples.First(s => s.Done >= total * 0.05);
            var high = samples.First(s => s.Done >= total * 0.95);
            return new ScaleRun(
                (high.Done - low.Done) / (high.Seconds - low.Seconds),
                (used.Sandbox - cpu.Sandbox) / seconds,
                (used.Workers - cpu.Workers) / seconds,
                (used.Postgres - cpu.Postgres) / seconds,
                (used.Harness - cpu.Harness) / seconds);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.CloseInput();
            }

            foreach (var worker in workers)
            {
                await worker.WaitForExitAsync();
                worker.Dispose();
            }
        }
    }

    /// <summary>Claims per second of an idle queue: <c>ClaimAsync</c> against a bare <c>SELECT … FOR UPDATE SKIP LOCKED</c>.</summary>
    private static async Task ClaimCostAsync(PostgresCluster cluster, int firstProcesses)
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString($"scale_r1n{firstProcesses}"));
        using var store = new PostgreSqlDeliveryStore(new PostgreSqlDeliveryStoreOptions(), dataSource);
        await store.InitializeAsync(CancellationToken.None);
        const string Bare =
            "SELECT id FROM purchasesdk.deliveries WHERE state = 'Pending' AND COALESCE(lease_until, due_at) <= now() " +
            "ORDER BY COALESCE(lease_until, due_at), id LIMIT 32 FOR UPDATE SKIP LOCKED";
        async Task<int> BareAsync()
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(Bare, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
            }

            return rows;
        }

        async Task<int> ClaimAsync() => (await store.ClaimAsync("scale", 32, TimeSpan.FromSeconds(30), CancellationToken.None)).Count;

        static async Task<double> PerSecondAsync(Func<Task<int>> claim)
        {
            var clock = Stopwatch.StartNew();
            var calls = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(1))
            {
                if (await claim() != 0)
                {
                    throw new InvalidOperationException("The queue is not idle.");
                }

                calls++;
            }

            return calls / clock.Elapsed.TotalSeconds;
        }

        var rows = (long)(await dataSource.CreateCommand("SELECT count(*) FROM purchasesdk.deliveries").ExecuteScalarAsync())!;
        for (var i = 0; i < 3; i++)
        {
            await PerSecondAsync(ClaimAsync);
            await PerSecondAsync(BareAsync);
        }

        var claims = new List<double>();
        var bare = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            claims.Add(await PerSecondAsync(ClaimAsync));
            bare.Add(await PerSecondAsync(BareAsync));
        }

        Console.WriteLine();
        Console.WriteLine($"Claim cost, idle queue ({rows} finished deliveries, nothing due), one claimer, a pooled connection per call, medians of 7 interleaved 1 s rounds:");
        Console.WriteLine($"| ClaimAsync (pick + lease + expired attempts + payloads, one statement) | {Median(claims):0} claims/s | {1_000_000 / Median(claims):0} µs |");
        Console.WriteLine($"| bare SELECT … FOR UPDATE SKIP LOCKED (same index, same rows) | {Median(bare):0} /s | {1_000_000 / Median(bare):0} µs |");
        Console.WriteLine($"| ratio | {Median(bare) / Median(claims):0.00}x the time of the bare select | |");
    }

    private static async Task EnqueueAsync(string host, Dictionary<string, string> environment, string keys, string sandboxEnvironment, int count, int first, string prefix)
    {
        const int Processes = 2;
        var enqueuers = Enumerable.Range(0, Processes)
            .Select(i => StartChild(host, environment, "enqueue", "postgresql", keys, sandboxEnvironment,
                (count / Processes).ToString(CultureInfo.InvariantCulture), (first + (i * (count / Processes))).ToString(CultureInfo.InvariantCulture), prefix))
            .ToList();
        foreach (var enqueuer in enqueuers)
        {
            if (await enqueuer.WaitForExitAsync() != 0)
            {
                throw new InvalidOperationException("An enqueuer failed: " + enqueuer.Output);
            }

            enqueuer.Dispose();
        }
    }

    /// <summary>A <c>dotnet &lt;dll&gt;</c> child (the crash tests' <see cref="ChildProcess"/>), given two minutes a step at scale.</summary>
    private static ChildProcess StartChild(string dll, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var child = ChildProcess.Start(dll, environment, arguments);
        child.Patience = TimeSpan.FromMinutes(2);
        return child;
    }

    /// <summary>Waits for a line starting with <paramref name="prefix"/>; when none comes, fails with what the child wrote.</summary>
    private static async Task WaitForLineAsync(ChildProcess child, string prefix)
    {
        try
        {
            await child.WaitForLineAsync(prefix);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"No '{prefix}' line: {child.Output}");
        }
    }

    private static async Task WaitAsync(NpgsqlDataSource dataSource, string sql, long value, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        await using var command = dataSource.CreateCommand(sql);
        while ((long)(await command.ExecuteScalarAsync())! != value)
        {
            if (clock.Elapsed > limit)
            {
                throw new InvalidOperationException($"Not reached within {limit}: {sql}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>CPU seconds used so far by the sandbox, the workers, PostgreSQL (the postmaster and its backends) and this process.</summary>
    private static (double Sandbox, double Workers, double Postgres, double Harness) CpuNow(PostgresCluster cluster, ChildProcess sandbox, List<ChildProcess> workers) =>
        (ProcessCpu.Seconds(sandbox.Id),
         workers.Sum(w => ProcessCpu.Seconds(w.Id)),
         cluster.Pid is { } postmaster ? ProcessCpu.Seconds(postmaster, withChildren: true) : double.NaN,
         Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback) =>
        Text(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string Dll(string project, string folder)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PurchaseSdk.sln")))
        {
            directory = directory.Parent;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(directory?.FullName ?? ".", folder, project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution in {configuration} first.");
    }
}
