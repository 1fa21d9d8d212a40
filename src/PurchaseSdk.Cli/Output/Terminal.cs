using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PurchaseSdk.Cli.Output;

/// <summary>Writing for people: tables, error lines, durations; plain (no colour, ASCII borders) when the output is not a terminal.</summary>
internal static class Terminal
{
    /// <summary>An error: one line, never wrapped.</summary>
    public static void Error(CliContext context, string message) => Prefixed(context.Error, "error:", Color.Red, message);

    public static void Warning(CliContext context, string message) => Prefixed(context.Error, "warning:", Color.Yellow, message);

    /// <summary>A line of text as it is: not wrapped (URLs and errors stay whole), no markup.</summary>
    public static void Line(IAnsiConsole console, string text = "")
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(text);
        writer.Write('\n');
        writer.Flush();
    }

    private static void Prefixed(IAnsiConsole console, string prefix, Color color, string message)
    {
        if (console.Profile.Capabilities.Ansi)
        {
            console.Write(new Text(prefix, new Style(color)));
            Line(console, " " + OneLine(message));
        }
        else
        {
            Line(console, prefix + " " + OneLine(message));
        }
    }

    public static Table Table(IAnsiConsole console, params string[] columns)
    {
        var table = new Table().Border(console.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    public static void AddRow(Table table, params string?[] cells) =>
        table.AddRow(cells.Select(static c => (IRenderable)new Text(c ?? "-")).ToArray());

    public static IRenderable Status(string status) => new Markup(status switch
    {
        "Succeeded" => "[green]Succeeded[/]",
        "Skipped" => "[grey]Skipped[/]",
        "Failed" => "[red]Failed[/]",
        "Indeterminate" => "[yellow]Indeterminate[/]",
        "Pending" => "[blue]Pending[/]",
        _ => Markup.Escape(status),
    });

    public static string Duration(TimeSpan elapsed) => elapsed.TotalSeconds < 1
        ? elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
        : elapsed.TotalMinutes < 1 ? elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : elapsed.TotalHours < 1 ? elapsed.ToString(@"m\m\ ss\s", CultureInfo.InvariantCulture)
        : elapsed.TotalDays < 1 ? elapsed.ToString(@"h\h\ mm\m", CultureInfo.InvariantCulture)
        : ((int)elapsed.TotalDays).ToString(CultureInfo.InvariantCulture) + "d " + elapsed.ToString(@"h\h", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Errors are one line.</summary>
    public static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    public static string Truncate(string? text, int length)
    {
        if (text is null)
        {
            return "-";
        }

        text = OneLine(text);
        return text.Length <= length ? text : text[..(length - 3)] + "...";
    }
}
