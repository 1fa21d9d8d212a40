using System.Diagnostics;

namespace PurchaseSdk.Delivery.Tests.Crash;

/// <summary>A <c>dotnet &lt;dll&gt;</c> child process whose output lines the test waits on (signals, not sleeps).</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<IReadOnlyList<string>, bool> Condition, TaskCompletionSource Met)> _waiters = [];
    private int _openStreams = 2;

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data is null ? null : "stderr: " + e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>How long, in real time, a wait for output or for the exit may take before it fails (a failure detector, not a wait).</summary>
    public TimeSpan Patience { get; set; } = TimeSpan.FromSeconds(60);

    public static ChildProcess Start(string dll, params string[] arguments) => Start(dll, null, arguments);

    /// <summary>Starts <c>dotnet &lt;dll&gt;</c> with <paramref name="environment"/> added to the child's environment.</summary>
    public static ChildProcess Start(string dll, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    public int Count(string line)
    {
        lock (_gate)
        {
            return _lines.Count(l => l == line);
        }
    }

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join("\n", _lines);
            }
        }
    }

    /// <summary>
    /// Completes once the output satisfies <paramref name="condition"/>; fails at once when the child's output has
    /// ended without satisfying it (it exited or was killed), and after <see cref="Patience"/> otherwise.
    /// </summary>
    public Task WaitForAsync(Func<IReadOnlyList<string>, bool> condition)
    {
        lock (_gate)
        {
            if (condition(_lines))
            {
                return Task.CompletedTask;
            }

            if (_openStreams == 0)
            {
                return Task.FromException(OutputEnded());
            }

            var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, met));
            return met.Task.WaitAsync(Patience);
        }
    }

    public Task WaitForLineAsync(string prefix) => WaitForAsync(lines => lines.Any(l => l.StartsWith(prefix, StringComparison.Ordinal)));

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: the process gets no chance to record or release anything.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void CloseInput() => _process.StandardInput.Close();

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Patience);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            OnStreamEnded();
            return;
        }

        lock (_gate)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Condition(_lines)).ToList())
            {
                waiter.Met.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private void OnStreamEnded()
    {
        lock (_gate)
        {
            if (--_openStreams > 0)
            {
                return;
            }

            foreach (var waiter in _waiters)
            {
                waiter.Met.TrySetException(OutputEnded());
            }

            _waiters.Clear();
        }
    }

    private InvalidOperationException OutputEnded() =>
        new($"The child's output ended (it exited or was killed) before it showed what was awaited. Its output:\n{string.Join("\n", _lines)}");
}
