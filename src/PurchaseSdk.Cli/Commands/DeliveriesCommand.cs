using System.CommandLine;
using System.Globalization;
using PurchaseSdk.Cli.Hosting;
using PurchaseSdk.Cli.Output;
using PurchaseSdk.Delivery;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PurchaseSdk.Cli.Commands;

/// <summary><c>purchasesdk deliveries</c> and its subcommands: the durable-delivery admin API (IPurchaseDeliveryAdmin).</summary>
internal static class DeliveriesCommand
{
    public const string Examples = """
          purchasesdk deliveries
          purchasesdk deliveries --state failed --provider Kit
          purchasesdk deliveries show ORD-1001
          purchasesdk deliveries redrive ORD-1001 --provider Drip --wait
          purchasesdk deliveries resolve ORD-1001 --provider Kit --delivered 8675309
          purchasesdk deliveries resolve ORD-1001 --provider Kit --resend
          purchasesdk deliveries purge --older-than 30d
        """;

    public static readonly Dictionary<string, string> SubcommandExamples = new(StringComparer.Ordinal)
    {
        ["show"] = "      purchasesdk deliveries show ORD-1001\n      purchasesdk deliveries show ORD-1001 --json",
        ["redrive"] = "      purchasesdk deliveries redrive ORD-1001\n      purchasesdk deliveries redrive ORD-1001 --provider Drip --wait",
        ["resolve"] = "      purchasesdk deliveries resolve ORD-1001 --provider Kit --delivered 8675309\n      purchasesdk deliveries resolve ORD-1001 --provider Kit --resend --wait",
        ["purge"] = "      purchasesdk deliveries purge --older-than 30d",
    };

    private static readonly DeliveryState[] AllStates =
        [DeliveryState.Pending, DeliveryState.Succeeded, DeliveryState.Skipped, DeliveryState.Failed, DeliveryState.Indeterminate, DeliveryState.Cancelled];

    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var state = new Option<DeliveryState?>("--state") { Description = "Only deliveries in this state: pending, failed, indeterminate, succeeded, skipped or cancelled (default: the ones not done: failed, indeterminate, pending).", HelpName = "STATE" };
        var provider = new Option<string?>("--provider", "-p") { Description = "Only deliveries to this provider.", HelpName = "NAME" };
        var order = new Option<string?>("--order") { Description = "Only deliveries of this order id.", HelpName = "ORDER" };
        var limit = new Option<int>("--limit") { Description = "List at most this many deliveries.", DefaultValueFactory = _ => 50, HelpName = "N" };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100_000)
            {
                r.AddError("--limit must be between 1 and 100000.");
            }
        });
        var json = GlobalOptions.Json("Write the counts and deliveries as JSON.");
        var command = new Command(
            "deliveries",
            "See what durable delivery holds (the store of PurchaseSdk:Delivery:Sqlite:ConnectionString): counts per provider and state, then the deliveries that are not done (failed, parked as indeterminate, pending) with their last error. Subcommands show, re-drive, resolve and purge.")
        {
            state, provider, order, limit, json,
        };
        command.SetAction((parse, ct) => ListAsync(context, globals.Read(parse), parse.GetValue(state), parse.GetValue(provider), parse.GetValue(order), parse.GetValue(limit), parse.GetValue(json), ct));
        command.Subcommands.Add(Show(context, globals));
        command.Subcommands.Add(Redrive(context, globals));
        command.Subcommands.Add(Resolve(context, globals));
        command.Subcommands.Add(Purge(context, globals));
        return command;
    }

    private static Command Show(CliContext context, GlobalOptions globals)
    {
        var order = new Argument<string>("order") { Description = "The order id." };
        var json = GlobalOptions.Json("Write the order's deliveries and attempts as JSON.");
        var command = new Command("show", "Show an order's deliveries, one per provider, each with its attempts (outcome, HTTP requests, reference, error).") { order, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await AdminSessionAsync(context, globals.Read(parse), wait: false, ct);
            var found = await FindOrderAsync(session, parse.GetValue(order)!, ct);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context, JsonOutput.From(found), OutputJsonContext.Readable.OrderJson);
                return ExitCodes.Success;
            }

            Terminal.Line(context.Out, $"Order {found.OrderId}, enqueued {Terminal.Time(found.EnqueuedAt)}{(found.HasPayload ? string.Empty : "; its stored purchase was purged")}");
            context.Out.Write(DeliveryTable(context.Out, found.Deliveries, withOrder: false));
            foreach (var delivery in found.Deliveries.Where(static d => d.History.Count > 0))
            {
                Terminal.Line(context.Out, $"{delivery.Provider} (delivery #{delivery.Id}) attempts:");
                var attempts = Terminal.Table(context.Out, "#", "Started", "Ended", "Outcome", "Requests", "Reference / message");
                foreach (var attempt in delivery.History)
                {
                    Terminal.AddRow(
                        attempts,
                        attempt.Number.ToString(CultureInfo.InvariantCulture) + (attempt.Resumed ? " (resumed)" : string.Empty),
                        Terminal.Time(attempt.StartedAt),
                        Terminal.Time(attempt.EndedAt),
                        attempt.Outcome.ToString(),
                        attempt.ProviderAttempts.ToString(CultureInfo.InvariantCulture),
                        attempt.ProviderReference ?? Terminal.Truncate(attempt.Message, 120));
                }

                context.Out.Write(attempts);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Redrive(CliContext context, GlobalOptions globals)
    {
        var order = new Argument<string>("order") { Description = "The order id." };
        var provider = new Option<string?>("--provider", "-p") { Description = "Only this provider's delivery (default: every failed delivery of the order).", HelpName = "NAME" };
        var wait = new Option<bool>("--wait") { Description = "Deliver here now and wait for the outcome (otherwise your application's worker picks it up)." };
        var command = new Command("redrive", "Make an order's failed deliveries pending again, due now, with a fresh MaxAge.") { order, provider, wait };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await AdminSessionAsync(context, globals.Read(parse), parse.GetValue(wait), ct);
            var found = await FindOrderAsync(session, parse.GetValue(order)!, ct);
            var targets = Select(found, parse.GetValue(provider));
            var failed = targets.Where(static d => d.State == DeliveryState.Failed).ToList();
            if (failed.Count == 0)
            {
                throw new CliException(ExitCodes.NotFound, $"Nothing to re-drive: no delivery of {found.OrderId}{ProviderSuffix(parse.GetValue(provider))} failed ({States(targets)}); only failed deliveries can be re-driven.");
            }

            foreach (var delivery in failed)
            {
                var result = await session.Admin.RedriveAsync(delivery.Id, ct);
                Terminal.Line(context.Out, result == DeliveryChangeResult.Changed
                    ? $"{delivery.Provider}: re-driven (pending, due now)."
                    : $"{delivery.Provider}: not re-driven ({result}).");
            }

            return parse.GetValue(wait) ? await DeliverAsync(context, session, found.OrderId, failed.Select(static d => d.Provider).ToList(), ct) : ExitCodes.Success;
        });
        return command;
    }

    private static Command Resolve(CliContext context, GlobalOptions globals)
    {
        var order = new Argument<string>("order") { Description = "The order id." };
        var provider = new Option<string>("--provider", "-p") { Description = "The provider whose delivery is parked as indeterminate.", HelpName = "NAME", Required = true };
        var delivered = new Option<string?>("--delivered") { Description = "You checked that the provider has the purchase: mark it succeeded, with the provider's reference if it gave one.", HelpName = "REF", Arity = ArgumentArity.ZeroOrOne };
        var resend = new Option<bool>("--resend") { Description = "You checked that the provider does NOT have it: send it again (risks a duplicate if it does)." };
        var wait = new Option<bool>("--wait") { Description = "With --resend: deliver here now and wait for the outcome." };
        var command = new Command("resolve", "Resolve a delivery parked as indeterminate (it may have been recorded, and the provider cannot be asked): either as delivered or by sending it again.")
        {
            order, provider, delivered, resend, wait,
        };
        command.SetAction(async (parse, ct) =>
        {
            var asDelivered = parse.GetResult(delivered) is not null;
            var again = parse.GetValue(resend);
            if (asDelivered == again)
            {
                throw new CliException(ExitCodes.Usage, "Say how it ends: --delivered [REF] (the provider has it) or --resend (it does not), one of them.");
            }

            if (parse.GetValue(wait) && !again)
            {
                throw new CliException(ExitCodes.Usage, "--wait applies to --resend only.");
            }

            await using var session = await AdminSessionAsync(context, globals.Read(parse), parse.GetValue(wait), ct);
            var found = await FindOrderAsync(session, parse.GetValue(order)!, ct);
            var name = parse.GetValue(provider)!;
            var delivery = Select(found, name).SingleOrDefault()
                ?? throw new CliException(ExitCodes.NotFound, $"Order {found.OrderId} has no delivery to {name} ({States(found.Deliveries)}).");
            if (delivery.State != DeliveryState.Indeterminate)
            {
                throw new CliException(ExitCodes.NotFound, $"Nothing to resolve: {delivery.Provider}'s delivery of {found.OrderId} is {delivery.State}; only an indeterminate delivery can be resolved.");
            }

            var result = asDelivered
                ? await session.Admin.ResolveAsDeliveredAsync(delivery.Id, parse.GetValue(delivered) is { Length: > 0 } reference ? reference : null, ct)
                : await session.Admin.ResendAcceptingDuplicateRiskAsync(delivery.Id, ct);
            if (result != DeliveryChangeResult.Changed)
            {
                throw new CliException(ExitCodes.NotFound, $"{delivery.Provider}'s delivery of {found.OrderId} was not changed ({result}); it changed meanwhile, look again with: purchasesdk deliveries show {found.OrderId}");
            }

            Terminal.Line(context.Out, asDelivered
                ? $"{delivery.Provider}: resolved as delivered{(parse.GetValue(delivered) is { Length: > 0 } r ? " (" + r + ")" : string.Empty)}."
                : $"{delivery.Provider}: pending again, to be sent as a first attempt.");
            return again && parse.GetValue(wait) ? await DeliverAsync(context, session, found.OrderId, [delivery.Provider], ct) : ExitCodes.Success;
        });
        return command;
    }

    private static Command Purge(CliContext context, GlobalOptions globals)
    {
        var olderThan = new Option<TimeSpan?>("--older-than") { Description = "Delete finished deliveries (succeeded, skipped, failed, cancelled) that finished longer ago than this: 30d, 12h, 90m.", HelpName = "DURATION", Required = true, CustomParser = Durations.Parse };
        var command = new Command("purge", "Delete finished deliveries and, once none is left, their stored purchases. Pending and indeterminate deliveries are never purged; order ids are kept, so enqueueing one again is still recognised.") { olderThan };
        command.SetAction(async (parse, ct) =>
        {
            var age = parse.GetValue(olderThan)!.Value;
            await using var session = await AdminSessionAsync(context, globals.Read(parse), wait: false, ct);
            var purged = await session.Admin.PurgeAsync(age, ct);
            Terminal.Line(context.Out, $"Purged {InputChecks.Plural(purged, "delivery", "deliveries")} that finished more than {Terminal.Duration(age)} ago.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> ListAsync(CliContext context, GlobalSettings settings, DeliveryState? state, string? provider, string? order, int limit, bool json, CancellationToken cancellationToken)
    {
        await using var session = await AdminSessionAsync(context, settings, wait: false, cancellationToken);
        var admin = session.Admin;
        var providerName = provider is null ? null : Hosting.Providers.Canonical(provider) ?? provider;
        var statistics = await admin.GetStatisticsAsync(cancellationToken);
        var states = state is { } one ? [one] : new[] { DeliveryState.Failed, DeliveryState.Indeterminate, DeliveryState.Pending };
        var deliveries = new List<DeliveryRecord>();
        var more = false;
        foreach (var s in states)
        {
            long? after = null;
            do
            {
                var page = await admin.ListAsync(new DeliveryQuery { Filter = new DeliveryFilter { State = s, Provider = providerName, OrderId = order }, PageSize = Math.Min(1000, limit - deliveries.Count + 1), AfterId = after }, cancellationToken);
                deliveries.AddRange(page.Items);
                after = page.NextAfterId;
            }
            while (after is not null && deliveries.Count <= limit);

            if (deliveries.Count > limit)
            {
                more = true;
                deliveries.RemoveRange(limit, deliveries.Count - limit);
                break;
            }
        }

        var counts = statistics.Counts.Where(c => providerName is null || string.Equals(c.Provider, providerName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (json)
        {
            JsonOutput.Write(
                context,
                new DeliveryListJson(
                    [.. counts.Select(static c => new DeliveryCountJson(c.Provider, c.State.ToString(), c.Count))],
                    [.. deliveries.Select(JsonOutput.From)],
                    more),
                OutputJsonContext.Readable.DeliveryListJson);
            return ExitCodes.Success;
        }

        if (counts.Count == 0)
        {
            Terminal.Line(context.Out, "The delivery store holds no delivery" + (providerName is null ? "." : $" to {providerName}."));
            return ExitCodes.Success;
        }

        var table = Terminal.Table(context.Out, ["Provider", .. AllStates.Select(static s => s.ToString())]);
        foreach (var group in counts.GroupBy(static c => c.Provider, StringComparer.Ordinal).OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            Terminal.AddRow(table, [group.Key, .. AllStates.Select(s => Terminal.Count(group.Where(c => c.State == s).Sum(static c => c.Count)))]);
        }

        context.Out.Write(table);
        if (statistics.OldestPendingAge is { } age)
        {
            Terminal.Line(context.Out, $"Oldest pending: waiting for {Terminal.Duration(age)}.");
        }

        var what = state is { } only ? only.ToString().ToLowerInvariant() : "failed, indeterminate or pending";
        var ofOrder = order is null ? string.Empty : " of order " + order;
        if (deliveries.Count == 0)
        {
            Terminal.Line(context.Out, $"No delivery{ofOrder} is {what}.");
            return ExitCodes.Success;
        }

        Terminal.Line(context.Out, $"Deliveries{ofOrder} {(state is null ? "not done" : "that are")} {what}{(more ? $", the first {Terminal.Count(limit)} (--limit for more)" : string.Empty)}:");
        context.Out.Write(DeliveryTable(context.Out, deliveries, withOrder: true));
        return ExitCodes.Success;
    }

    private static Table DeliveryTable(IAnsiConsole console, IEnumerable<DeliveryRecord> deliveries, bool withOrder)
    {
        var table = withOrder
            ? Terminal.Table(console, "Id", "Order", "Provider", "State", "Attempts", "Updated", "Next attempt", "Reference / last error")
            : Terminal.Table(console, "Id", "Provider", "State", "Attempts", "Updated", "Next attempt", "Reference / last error");
        foreach (var d in deliveries)
        {
            var note = d.State == DeliveryState.Succeeded ? d.ProviderReference ?? d.Resolution : d.LastError ?? d.Resolution;
            if (d.EarlierAttemptMayHaveLanded && d.State == DeliveryState.Pending)
            {
                note = "(an earlier attempt may have landed: the next one asks first) " + note;
            }

            var cells = new List<IRenderable>
            {
                new Text(d.Id.ToString(CultureInfo.InvariantCulture)),
            };
            if (withOrder)
            {
                cells.Add(new Text(d.OrderId));
            }

            cells.AddRange(
            [
                new Text(d.Provider),
                Terminal.Status(d.State.ToString()),
                new Text(d.Attempts.ToString(CultureInfo.InvariantCulture)),
                new Text(Terminal.Time(d.UpdatedAt)),
                new Text(Terminal.Time(d.NextAttemptAt)),
                new Text(Terminal.Truncate(note, 120)),
            ]);
            table.AddRow(cells);
        }

        return table;
    }

    private static Task<SdkSession> AdminSessionAsync(CliContext context, GlobalSettings settings, bool wait, CancellationToken cancellationToken) =>
        SdkSession.CreateAsync(context, settings, new SessionNeeds { Delivery = true, RequireProviders = wait }, cancellationToken);

    private static async Task<OrderDeliveries> FindOrderAsync(SdkSession session, string orderId, CancellationToken cancellationToken) =>
        await session.Admin.GetOrderAsync(orderId, cancellationToken)
        ?? throw new CliException(ExitCodes.NotFound, $"Order {orderId} is not in the delivery store.");

    private static List<DeliveryRecord> Select(OrderDeliveries order, string? provider)
    {
        if (provider is null)
        {
            return [.. order.Deliveries];
        }

        var name = Hosting.Providers.Canonical(provider) ?? provider;
        return [.. order.Deliveries.Where(d => string.Equals(d.Provider, name, StringComparison.OrdinalIgnoreCase))];
    }

    private static string ProviderSuffix(string? provider) => provider is null ? string.Empty : " to " + (Hosting.Providers.Canonical(provider) ?? provider);

    private static string States(IEnumerable<DeliveryRecord> deliveries)
    {
        var list = deliveries.Select(static d => $"{d.Provider}: {d.State}").ToList();
        return list.Count == 0 ? "it has none" : string.Join(", ", list);
    }

    /// <summary>Runs the worker until the order's deliveries to <paramref name="providers"/> are done; shows and returns how they ended.</summary>
    private static async Task<int> DeliverAsync(CliContext context, SdkSession session, string orderId, List<string> providers, CancellationToken cancellationToken)
    {
        var missing = providers.Where(p => !session.Providers.Contains(p)).ToList();
        if (missing.Count > 0)
        {
            throw new CliException(ExitCodes.Configuration, $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not configured here, so this tool cannot deliver to {(missing.Count == 1 ? "it" : "them")}: set {string.Join("; ", missing.Select(Hosting.Providers.RequiredKeys))}, or leave out --wait and let your application's worker deliver.");
        }

        await session.StartWorkerAsync(cancellationToken);
        using var waiter = new DeliveryWaiter(session, context);
        await ProgressView.RunAsync(context, view => waiter.WaitAsync(view, [orderId], providers, null, cancellationToken));
        var order = await FindOrderAsync(session, orderId, CancellationToken.None);
        var done = order.Deliveries.Where(d => providers.Contains(d.Provider)).ToList();
        context.Out.Write(DeliveryTable(context.Out, done, withOrder: false));
        return done.All(static d => d.State is DeliveryState.Succeeded or DeliveryState.Skipped) ? ExitCodes.Success : ExitCodes.Failed;
    }
}
