using System.CommandLine;
using PurchaseSdk.Cli.Input;
using PurchaseSdk.Cli.Output;
using Spectre.Console;

namespace PurchaseSdk.Cli.Commands;

/// <summary><c>purchasesdk validate orders.jsonl [--csv]</c>: every invalid purchase with its line number and field path.</summary>
internal static class ValidateCommand
{
    public const string Examples = """
          purchasesdk validate orders.jsonl
          purchasesdk validate orders.csv
          purchasesdk validate export.txt --csv
        """;

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The purchases: JSON Lines (one purchase per line), a .json file with one purchase, or CSV (.csv or --csv)." };
        var csv = new Option<bool>("--csv") { Description = "Read the file as CSV, one line item per row (the README's CSV layout), whatever its extension." };
        var command = new Command(
            "validate",
            "Check every purchase of a file as the SDK would before sending (amounts exact in their currency, totals adding up, required fields, contexts) and list each problem with its line number and field path. Needs no configuration; sends nothing.")
        {
            file, csv,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(file)!, parse.GetValue(csv), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string file, bool csv, CancellationToken cancellationToken)
    {
        var records = await new PurchaseReader(ContextCatalog.Default).ReadAsync(file, PurchaseReader.Detect(file, csv), context, cancellationToken);
        var invalid = WriteProblems(context.Out, records);
        if (invalid == 0)
        {
            Terminal.Line(context.Out, records.Count == 0 ? $"{file} holds no purchase." : $"All {InputChecks.Plural(records.Count, "purchase")} in {file} are valid.");
            return ExitCodes.Success;
        }

        Terminal.Line(context.Out, $"{invalid} of {InputChecks.Plural(records.Count, "purchase")} in {file} {(invalid == 1 ? "is" : "are")} invalid.");
        return ExitCodes.InvalidInput;
    }

    /// <summary>Writes a table of every problem (line, order id, field, problem); returns the number of invalid purchases.</summary>
    public static int WriteProblems(IAnsiConsole console, IReadOnlyList<PurchaseRecord> records)
    {
        var invalid = records.Where(static r => !r.IsValid).ToList();
        if (invalid.Count == 0)
        {
            return 0;
        }

        var table = Terminal.Table(console, "Line", "Order", "Field", "Problem");
        foreach (var record in invalid)
        {
            foreach (var problem in record.Problems.OrderBy(static p => p.Line))
            {
                Terminal.AddRow(table, problem.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), record.OrderId ?? "-", problem.Path.Length == 0 ? "-" : problem.Path, problem.Message);
            }
        }

        console.Write(table);
        return invalid.Count;
    }
}
