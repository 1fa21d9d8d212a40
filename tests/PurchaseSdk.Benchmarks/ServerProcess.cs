using System.Diagnostics;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// The provider server in a process of its own: this program run with <c>--serve</c>. The benchmark host starts one
/// before BenchmarkDotNet and hands its address to the benchmark processes in <see cref="UrlVariable"/>, so what
/// BenchmarkDotNet's memory diagnoser counts (every thread of the benchmark process) is the client's work only, and
/// the server's JIT warm-up does not run in the measured process. The server still shares the machine's cores.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    /// <summary>The environment variable that carries the server's base address to the benchmark processes.</summary>
    public const string UrlVariable = "PURCHASESDK_BENCH_SERVER";

    private readonly Process _process;

    private ServerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Starts this program with <c>--serve</c> and waits for its address.</summary>
    public static ServerProcess Start()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Started as "dotnet PurchaseSdk.Benchmarks.dll": start the server the same way.
            start.FileName = self;
            start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }
        else
        {
            start.FileName = self;
        }

        start.ArgumentList.Add("--serve");
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server process did not start.");
        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException("The server process did not report its address: " + line);
        }

        return new ServerProcess(process, new Uri(line["listening ".Length..]));
    }

    /// <summary>Closes the server's input (it exits) and waits for it.</summary>
    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}

/// <summary>
/// The server a scenario talks to: the out-of-process one named by <see cref="ServerProcess.UrlVariable"/> when set,
/// else one started in this process (for example under BenchmarkDotNet's in-process toolchain).
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly ProviderServer? _own;

    private BenchServer(Uri url, ProviderServer? own, bool outOfProcess)
    {
        Url = url;
        _own = own;
        OutOfProcess = outOfProcess;
    }

    /// <summary>The base address, delay prefix included.</summary>
    public Uri Url { get; }

    public bool OutOfProcess { get; }

    public static async Task<BenchServer> AcquireAsync(TimeSpan delay)
    {
        var prefix = delay > TimeSpan.Zero ? $"delay/{(int)delay.TotalMilliseconds}/" : string.Empty;
        if (Environment.GetEnvironmentVariable(ServerProcess.UrlVariable) is { Length: > 0 } shared)
        {
            return new BenchServer(new Uri(new Uri(shared), prefix), own: null, outOfProcess: true);
        }

        var server = await ProviderServer.StartAsync(TimeSpan.Zero);
        return new BenchServer(new Uri(server.Url, prefix), server, outOfProcess: false);
    }

    public Uri Provider(string prefix) => new(Url, prefix);

    public async ValueTask DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }
    }
}
