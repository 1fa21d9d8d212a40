using System.Diagnostics;

namespace PurchaseSdk.Benchmarks;

/// <summary>A <c>dotnet &lt;dll&gt;</c> child whose output lines can be waited for.</summary>
internal sealed class ScaleChild : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ScaleChild(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add("stderr: " + e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join("\n", _lines);
            }
        }
    }

    public static ScaleChild Start(string dll, Dictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? [])
        {
            info.Environment[key] = value;
        }

        return new ScaleChild(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    public async Task WaitForAsync(string prefix)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            lock (_lines)
            {
                if (_lines.Any(l => l.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    return;
                }
            }

            if (_process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException($"No '{prefix}' line: {Output}");
            }

            await Task.Delay(50);
        }
    }

    public int Id => _process.Id;

    public void CloseInput() => _process.StandardInput.Close();

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
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
}
