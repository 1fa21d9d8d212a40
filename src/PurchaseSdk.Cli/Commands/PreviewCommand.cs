using System.CommandLine;
using PurchaseSdk.Cli.Hosting;
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

    public static Command Create(CliContext context, GlobalOptions globals) => OnePurchaseCommand.Create(
        context,
        globals,
        "preview",
        "Show exactly what each configured provider would be sent for a purchase (method, URL, headers, body), or why it would skip it. Nothing is sent, no token is requested, credentials are shown as ***. With --sandbox, a purchase without contexts gets the ones the sandbox accepts.",
        ("Only these providers.", "Write the preview as JSON (each body exactly as it would be sent, credentials as ***)."),
        "nothing to preview",
        RunAsync);

    private static async Task<int> RunAsync(CliContext context, SdkSession session, Purchase purchase, bool json, CancellationToken cancellationToken)
    {
        var preview = await session.Reporter.PreviewAsync(purchase, cancellationToken);
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
