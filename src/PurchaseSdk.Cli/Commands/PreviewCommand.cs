using System.CommandLine;
using PurchaseSdk.Cli.Hosting;
using PurchaseSdk.Cli.Input;
using PurchaseSdk.Cli.Output;

namespace PurchaseSdk.Cli.Commands;

/// <summary><c>purchasesdk preview purchase.json [--provider Kit] [--json]</c>: the dry run.</summary>
internal static class PreviewCommand
{
    public const string Examples = """
          purchasesdk preview purchase.json
          purchasesdk preview purchase.json --provider Kit --json
          purchasesdk preview purchase.json --sandbox
        """;

    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var file = new Argument<string>("file") { Description = "The purchase, as JSON (the README's purchase format); - reads standard input." };
        var providers = GlobalOptions.Provider("Only these providers.");
        var json = GlobalOptions.Json("Write the preview as JSON (each body exactly as it would be sent, credentials as ***).");
        var command = new Command(
            "preview",
            "Show exactly what each configured provider would be sent for a purchase (method, URL, headers, body), or why it would skip it. Nothing is sent, no token is requested, credentials are shown as ***. With --sandbox, a purchase without contexts gets the ones the sandbox accepts.")
        {
            file, providers, json,
        };
        command.SetAction((parse, ct) => RunAsync(context, globals.Read(parse), parse.GetValue(file)!, parse.GetValue(providers) ?? [], parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, GlobalSettings settings, string file, string[] providers, bool json, CancellationToken cancellationToken)
    {
        var record = await new PurchaseReader(ContextCatalog.Default).ReadOneAsync(file, PurchaseReader.Detect(file, csv: false), context, cancellationToken);
        var purchase = InputChecks.EnsureValid(context, record, "nothing to preview");
        await using var session = await SdkSession.CreateAsync(context, settings, new SessionNeeds { Providers = providers }, cancellationToken);
        var preview = await session.Reporter.PreviewAsync(session.Prepare(purchase), cancellationToken);
        if (json)
        {
            JsonOutput.Write(context, JsonOutput.From(preview), OutputJsonContext.Readable.PreviewJson);
        }
        else
        {
            PreviewWriter.Write(context.Out, preview);
        }

        return preview.Providers.Any(static p => p.Error is not null) ? ExitCodes.Failed : ExitCodes.Success;
    }
}
