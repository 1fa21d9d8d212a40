using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace PurchaseSdk.Delivery.Tests.PostgreSql.Support;

/// <summary>
/// A throw-away PostgreSQL cluster: <c>initdb</c> in a temporary folder, a postmaster on 127.0.0.1 and a free port,
/// stopped by its PID and deleted at the end. Run as the <c>postgres</c> user (<c>runuser</c>) when the tests run as
/// root, since PostgreSQL refuses root. Password authentication over TCP, so connection strings carry a real password.
/// Tuned for tests: <c>fsync=off</c> (an operating-system crash could lose data; a killed or restarted server cannot,
/// since <c>synchronous_commit</c> stays on and the WAL is written at every commit).
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string FolderPrefix = "purchasesdk-pg-";
    private static readonly TimeSpan CommandGuard = TimeSpan.FromSeconds(90);
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string bin, bool asPostgresUser, string folder, int port, string password)
    {
        _bin = bin;
        _asPostgresUser = asPostgresUser;
        Folder = folder;
        Port = port;
        Password = password;
    }

    public string Folder { get; }

    public string DataDirectory => Path.Combine(Folder, "data");

    public int Port { get; private set; }

    public string Password { get; }

    /// <summary>The postmaster's PID while it runs.</summary>
    public int? Pid { get; private set; }

    public string ServerLog => File.Exists(Path.Combine(Folder, "server.log")) ? File.ReadAllText(Path.Combine(Folder, "server.log")) : string.Empty;

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={database};Include Error Detail=true";

    /// <summary>Initializes and starts a new cluster; throws <see cref="InvalidOperationException"/> saying why when it cannot.</summary>
    public static async Task<PostgresCluster> StartNewAsync()
    {
        var bin = FindBinaries();
        var asPostgres = IsRoot();
        SweepAbandoned();
        var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        await File.WriteAllTextAsync(Path.Combine(folder, "pwfile"), password + "\n");
        var cluster = new PostgresCluster(bin, asPostgres, folder, FreePort(), password);
        try
        {
            if (asPostgres)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", folder], asPostgresUser: false);
            }

            await cluster.RunAsync(Path.Combine(bin, "initdb"),
            [
                "-D", cluster.DataDirectory, "-U", "postgres", "--pwfile", Path.Combine(folder, "pwfile"),
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync",
            ]);
            await cluster.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the postmaster (again), on the same port when it is still free.</summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunAsync(Path.Combine(_bin, "pg_ctl"),
                [
                    "-D", DataDirectory, "-l", Path.Combine(Folder, "server.log"), "-w", "-t", "60", "-o",
                    string.Create(CultureInfo.InvariantCulture, $"-p {Port} -h 127.0.0.1 -k {Folder} -c fsync=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB -c log_min_messages=warning"),
                    "start",
                ]);
                Pid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(DataDirectory, "postmaster.pid")))[0], CultureInfo.InvariantCulture);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && ServerLog.Contains("could not bind", StringComparison.Ordinal))
            {
                Port = FreePort();
            }
        }
    }

    /// <summary>Stops the postmaster: <c>immediate</c> is a crash (no shutdown checkpoint; recovery at the next start), <c>fast</c> a clean stop.</summary>
    public async Task StopAsync(string mode = "immediate")
    {
        if (Pid is not { } pid)
        {
            return;
        }

        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", mode, "-w", "-t", "60", "stop"]);
        }
        catch (InvalidOperationException)
        {
            KillByPid(pid);
        }

        Pid = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Pid is { } pid)
        {
            try
            {
                await StopAsync();
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                KillByPid(pid);
            }
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Swept by the next run.
        }
    }

    /// <summary>The folder of initdb and pg_ctl: on the PATH, or Debian's /usr/lib/postgresql/N/bin (not on the PATH there), or PURCHASESDK_PG_BIN.</summary>
    private static string FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PURCHASESDK_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = Path.Combine(directory, "initdb");
            if (File.Exists(initdb))
            {
                // Debian links /usr/local/bin/initdb to /usr/lib/postgresql/15/bin/initdb; pg_ctl needs the real folder.
                var target = File.ResolveLinkTarget(initdb, returnFinalTarget: true)?.FullName ?? initdb;
                candidates.Add(Path.GetDirectoryName(target)!);
            }
        }

        foreach (var root in new[] { "/usr/lib/postgresql", "/usr/local/pgsql", "/opt/homebrew/opt" })
        {
            if (Directory.Exists(root))
            {
                candidates.AddRange(Directory.GetDirectories(root)
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin")));
                candidates.Add(Path.Combine(root, "bin"));
            }
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "initdb")) && File.Exists(Path.Combine(c, "pg_ctl")) && File.Exists(Path.Combine(c, "postgres")))
            ?? throw new InvalidOperationException(
                "No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found on the PATH, in /usr/lib/postgresql/*/bin or in PURCHASESDK_PG_BIN. " +
                "Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql), or set PURCHASESDK_TEST_POSTGRES to the connection string of a server whose user may create databases.");
    }

    private static bool IsRoot() => Environment.UserName == "root" || (OperatingSystem.IsLinux() && File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, _, "0", ..]);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops and deletes clusters left by test runs that died before their clean-up (their owner process is gone).</summary>
    private static void SweepAbandoned()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            try
            {
                // Only a cluster folder (it names its owner), and only when that owner is gone.
                var owner = Path.Combine(folder, "owner.pid");
                if (!File.Exists(owner) || (int.TryParse(File.ReadAllText(owner), out var ownerPid) && IsRunning(ownerPid)))
                {
                    continue;
                }

                var postmaster = Path.Combine(folder, "data", "postmaster.pid");
                if (File.Exists(postmaster) && int.TryParse(File.ReadLines(postmaster).First(), out var pid))
                {
                    KillByPid(pid);
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Someone else's, or still busy: left alone.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void KillByPid(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private Task RunAsync(string program, string[] arguments) => RunAsync(program, arguments, _asPostgresUser);

    private static async Task RunAsync(string program, string[] arguments, bool asPostgresUser)
    {
        var info = new ProcessStartInfo(asPostgresUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgresUser)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                info.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(CommandGuard);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within {CommandGuard.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
