using System.Globalization;
using Spectre.Console;

namespace PurchaseSdk.Cli.Output;

/// <summary>
/// Progress bars on standard error: animated on a terminal (Spectre.Console), and on redirected output or with NO_COLOR a
/// line per task at each tenth of the way and at the end, with no animation.
/// </summary>
internal sealed class ProgressView
{
    private readonly CliContext _context;
    private readonly Dictionary<string, ProgressTask> _bars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reportedTenths = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private ProgressContext? _progress;

    private ProgressView(CliContext context) => _context = context;

    /// <summary>Runs <paramref name="work"/> with progress shown for its tasks.</summary>
    public static async Task<T> RunAsync<T>(CliContext context, Func<ProgressView, Task<T>> work)
    {
        var view = new ProgressView(context);
        if (!context.Animate)
        {
            return await work(view);
        }

        return await context.Error.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                view._progress = progress;
                return await work(view);
            });
    }

    /// <summary>Shows <paramref name="done"/> of <paramref name="total"/> for the task <paramref name="name"/>.</summary>
    public void Update(string name, long done, long total, string? detail = null)
    {
        lock (_gate)
        {
            if (_progress is { } progress)
            {
                if (!_bars.TryGetValue(name, out var bar))
                {
                    bar = progress.AddTask(Markup.Escape(name), maxValue: Math.Max(1, total));
                    _bars.Add(name, bar);
                }

                bar.MaxValue = Math.Max(1, total);
                bar.Value = Math.Min(done, total);
                bar.Description = Markup.Escape(detail is null ? name : $"{name} ({detail})");
                return;
            }

            var tenths = total <= 0 ? 10 : (int)Math.Min(10, done * 10 / total);
            if (_reportedTenths.TryGetValue(name, out var reported) && reported >= tenths)
            {
                return;
            }

            _reportedTenths[name] = tenths;
            Terminal.Line(_context.Error, string.Create(CultureInfo.InvariantCulture, $"{name}: {done:N0} of {total:N0}{(detail is null ? string.Empty : " (" + detail + ")")}"));
        }
    }
}
