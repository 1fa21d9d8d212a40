using System.CommandLine;
using PurchaseSdk.Cli.Hosting;
using PurchaseSdk.Cli.Output;
using Spectre.Console;

namespace PurchaseSdk.Cli.Commands;

/// <summary><c>purchasesdk send purchase.json [--provider Drip]</c>: report now, with the SDK's retries and rate limits.</summary>
internal static class SendCommand
{
    public const string Examples = """
          purchasesdk send purchase.json
          purchasesdk send purchase.json --provider Drip
          purchasesdk send purchase.json --sandbox --json
        """;

    public static Command Create(CliContext context, GlobalOptions globals) => OnePurchaseCommand.Create(
        context,
        globals,
        "send",
        "Report a purchase now to every configured provider (or those named), as IPurchaseReporter.ReportAsync does, and show one outcome per provider. Exit code 0 only when every targeted provider succeeded or was skipped. With --sandbox, a purchase without contexts gets the ones the sandbox accepts.",
        ("Only these providers (send one order again to one provider).", "Write the outcomes as JSON."),
        "nothing was sent",
        RunAsync);

    private static async Task<int> RunAsync(CliContext context, SdkSession session, Purchase purchase, bool json, CancellationToken cancellationToken)
    {
        var report = await session.Reporter.ReportAsync(purchase, cancellationToken);
        if (json)
        {
            JsonOutput.Write(context, JsonOutput.From(report), OutputJsonContext.Readable.ReportJson);
        }
        else
        {
            Terminal.Line(context.Out, $"Order {report.OrderId}:");
            context.Out.Write(Table(context.Out, report));
            Terminal.Line(context.Out, report.Succeeded
                ? "Every provider succeeded or was skipped."
                : $"Not delivered to {string.Join(", ", report.Outcomes.Where(static o => o.Status is ProviderOutcomeStatus.Failed or ProviderOutcomeStatus.Indeterminate).Select(static o => $"{o.Provider} ({o.Status})"))}.");
        }

        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
    }

    public static Table Table(IAnsiConsole console, PurchaseReport report)
    {
        var table = Terminal.Table(console, "Provider", "Status", "Reference", "Attempts", "Elapsed", "Message");
        foreach (var outcome in report.Outcomes)
        {
            table.AddRow(
                new Text(outcome.Provider),
                Terminal.Status(outcome.Status.ToString()),
                new Text(outcome.ProviderReference ?? "-"),
                new Text(outcome.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(Terminal.Duration(outcome.Elapsed)),
                new Text(outcome.Message is null ? "-" : Terminal.OneLine(outcome.Message)));
        }

        return table;
    }
}
