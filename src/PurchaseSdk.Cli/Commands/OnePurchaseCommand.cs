using System.CommandLine;
using PurchaseSdk.Cli.Hosting;
using PurchaseSdk.Cli.Input;

namespace PurchaseSdk.Cli.Commands;

/// <summary>
/// What <c>preview</c> and <c>send</c> share: one purchase file, <c>--provider</c> and <c>--json</c>; the purchase is read,
/// checked (nothing happens when it is invalid) and prepared in an SDK session before the command's own work runs.
/// </summary>
internal static class OnePurchaseCommand
{
    /// <summary>The command's own work, given the session and the prepared purchase.</summary>
    public delegate Task<int> Work(CliContext context, SdkSession session, Purchase purchase, bool json, CancellationToken cancellationToken);

    public static Command Create(
        CliContext context,
        GlobalOptions globals,
        string name,
        string description,
        (string Providers, string Json) optionHelp,
        string whenInvalid,
        Work work)
    {
        var file = new Argument<string>("file") { Description = "The purchase, as JSON (the README's purchase format); - reads standard input." };
        var providers = GlobalOptions.Provider(optionHelp.Providers);
        var json = GlobalOptions.Json(optionHelp.Json);
        var command = new Command(name, description) { file, providers, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = globals.Read(parse);
            var path = parse.GetValue(file)!;
            var record = await new PurchaseReader(ContextCatalog.Default).ReadOneAsync(path, PurchaseReader.Detect(path, csv: false), context, cancellationToken);
            var purchase = InputChecks.EnsureValid(context, record, whenInvalid);
            var needs = new SessionNeeds { Providers = parse.GetValue(providers) ?? [] };
            await using var session = await SdkSession.CreateAsync(context, settings, needs, cancellationToken);
            return await work(context, session, session.Prepare(purchase), parse.GetValue(json), cancellationToken);
        });
        return command;
    }
}
