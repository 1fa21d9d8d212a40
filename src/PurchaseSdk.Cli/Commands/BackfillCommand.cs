using System.CommandLine;
using System.Globalization;
using PurchaseSdk.Cli.Hosting;
using PurchaseSdk.Cli.Input;
using PurchaseSdk.Cli.Output;
using PurchaseSdk.Delivery;

namespace PurchaseSdk.Cli.Commands;

/// <summary>
/// <c>purchasesdk backfill orders.jsonl [--csv] [--provider …] [--wait]</c>: validate everything, then enqueue into the
/// delivery store in batches (one transaction each, idempotent by order id, so a rerun resumes), and with <c>--wait</c>
/// deliver them here, with the SDK's rate limits.
/// </summary>
internal static class BackfillCommand
{
    public const string Examples = """
          purchasesdk backfill orders.jsonl
          purchasesdk backfill orders.csv --provider Kit --wait
          purchasesdk backfill orders.jsonl --sandbox --wait      (a rehearsal against the sandbox)
        """;

    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var file = new Argument<string>("file") { Description = "The purchases: JSON Lines (one purchase per line) or CSV (.csv or --csv, the README's CSV layout)." };
        var csv = new Option<bool>("--csv") { Description = "Read the file as CSV, one line item per row, whatever its extension." };
        var providers = GlobalOptions.Provider("Deliver only to these providers (an order already in the store keeps the deliveries it has).");
        var wait = new Option<bool>("--wait") { Description = "Deliver here after enqueueing, with each provider's rate limit and retries, and wait until every delivery is done (or parked); otherwise your application's delivery worker delivers them." };
        var timeout = new Option<TimeSpan?>("--timeout") { Description = "With --wait: stop waiting after this long (30m, 2h, 1d); what is not delivered yet stays pending.", HelpName = "DURATION", CustomParser = Durations.Parse };
        var batch = new Option<int>("--batch-size") { Description = "Purchases written per transaction.", DefaultValueFactory = _ => 100, HelpName = "N" };
        batch.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                r.AddError("--batch-size must be between 1 and 10000.");
            }
        });
        var command = new Command(
            "backfill",
            "Load many purchases into the delivery store (PurchaseSdk:Delivery:Sqlite:ConnectionString): every purchase is validated first (nothing is written if one is invalid), then enqueued in batches, idempotent by order id, so running the same command again after an interruption enqueues only the rest. With --wait the deliveries are made here and a summary per provider ends the run. With --sandbox, purchases without contexts get the ones the sandbox accepts.")
        {
            file, csv, providers, wait, timeout, batch,
        };
        command.SetAction((parse, ct) => RunAsync(
            context,
            globals.Read(parse),
            parse.GetValue(file)!,
            parse.GetValue(csv),
            parse.GetValue(providers) ?? [],
            parse.GetValue(wait),
            parse.GetValue(timeout),
            parse.GetValue(batch),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, GlobalSettings settings, string file, bool csv, string[] providers, bool wait, TimeSpan? timeout, int batchSize, CancellationToken cancellationToken)
    {
        if (timeout is not null && !wait)
        {
            throw new CliException(ExitCodes.Usage, "--timeout applies to --wait only.");
        }

        var records = await new PurchaseReader(ContextCatalog.Default).ReadAsync(file, PurchaseReader.Detect(file, csv), context, cancellationToken);
        if (records.Count == 0)
        {
            throw new CliException(ExitCodes.InvalidInput, $"{file} holds no purchase.");
        }

        var invalid = ValidateCommand.WriteProblems(context.Out, records);
        if (invalid > 0)
        {
            throw new CliException(ExitCodes.InvalidInput, $"{invalid} of {InputChecks.Plural(records.Count, "purchase")} in {file} {(invalid == 1 ? "is" : "are")} invalid; nothing was enqueued.");
        }

        await using var session = await SdkSession.CreateAsync(context, settings, new SessionNeeds { Providers = providers, Delivery = true }, cancellationToken);
        var purchases = records.Select(r => session.Prepare(r.Purchase!)).ToList();
        if (!wait && session.Sandbox is null && !session.HasConfiguredKeyRing && purchases.Any(static p => p.Contexts.Count > 0))
        {
            Terminal.Warning(context, "the purchases' contexts are protected with this machine's default data-protection key ring; set DataProtection:KeysDirectory and DataProtection:ApplicationName to your application's, or its workers cannot read them.");
        }

        var enqueued = new Enqueued();
        try
        {
            await ProgressView.RunAsync(context, view => EnqueueAsync(context, session, purchases, batchSize, view, enqueued, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Terminal.Line(context.Out, $"Interrupted: {Terminal.Count(enqueued.Done)} of {InputChecks.Plural(purchases.Count, "purchase")} are in the store ({Terminal.Count(enqueued.Created)} new, {Terminal.Count(enqueued.Already)} already there); the batch in progress was rolled back. Run the same command again to enqueue the rest.");
            return ExitCodes.Interrupted;
        }

        Terminal.Line(context.Out, $"Enqueued {InputChecks.Plural(enqueued.Created, "purchase")} for {string.Join(", ", session.Providers)}; {Terminal.Count(enqueued.Already)} already in the store (skipped).");
        if (!wait)
        {
            Terminal.Line(context.Out, "Your application's delivery worker delivers them (or run this command again with --wait). Follow them with: purchasesdk deliveries");
            return ExitCodes.Success;
        }

        var orders = purchases.Select(static p => p.OrderId).ToHashSet(StringComparer.Ordinal);
        var exit = ExitCodes.Success;
        try
        {
            await session.StartWorkerAsync(cancellationToken);
            using var waiter = new DeliveryWaiter(session, context);
            var finished = await ProgressView.RunAsync(context, view => waiter.WaitAsync(view, orders, session.Providers, timeout, cancellationToken));
            if (!finished)
            {
                Terminal.Line(context.Out, $"Stopped waiting after {Terminal.Duration(timeout!.Value)}; what is not delivered stays pending.");
                exit = ExitCodes.Failed;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Terminal.Line(context.Out, "Interrupted while delivering: deliveries in flight were finished or given back; the rest stay pending.");
            exit = ExitCodes.Interrupted;
        }

        var summary = await OrderSummary.ComputeAsync(session.Admin, orders, session.Providers, CancellationToken.None);
        WriteSummary(context, summary, session.Providers);
        return exit != ExitCodes.Success ? exit : summary.AllDelivered ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static async Task<bool> EnqueueAsync(CliContext context, SdkSession session, List<Purchase> purchases, int batchSize, ProgressView view, Enqueued enqueued, CancellationToken cancellationToken)
    {
        view.Update("Enqueueing", 0, purchases.Count);
        await using var connection = session.Store!.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        for (var start = 0; start < purchases.Count; start += batchSize)
        {
            var batch = purchases.GetRange(start, Math.Min(batchSize, purchases.Count - start));
            int created = 0, already = 0;

            // One transaction per batch: it is in the store whole or, when interrupted, not at all.
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                foreach (var purchase in batch)
                {
                    var result = await session.Outbox.EnqueueAsync(purchase, connection, transaction, cancellationToken);
                    _ = result.AlreadyEnqueued ? already++ : created++;
                }

                cancellationToken.ThrowIfCancellationRequested();
                await transaction.CommitAsync(CancellationToken.None);
            }

            enqueued.Created += created;
            enqueued.Already += already;
            view.Update("Enqueueing", enqueued.Done, purchases.Count);
            context.Observer?.Enqueued(enqueued.Done, purchases.Count);
        }

        return true;
    }

    private static void WriteSummary(CliContext context, OrderSummary summary, IReadOnlyList<string> providers)
    {
        var states = new[] { DeliveryState.Succeeded, DeliveryState.Skipped, DeliveryState.Failed, DeliveryState.Indeterminate, DeliveryState.Pending, DeliveryState.Cancelled };
        var table = Terminal.Table(context.Out, ["Provider", .. states.Select(static s => s.ToString())]);
        foreach (var provider in providers)
        {
            Terminal.AddRow(table, [provider, .. states.Select(s => summary.Count(provider, s).ToString("N0", CultureInfo.InvariantCulture))]);
        }

        context.Out.Write(table);
        if (summary.NotDelivered.Count > 0)
        {
            Terminal.Line(context.Out, $"Not delivered ({Terminal.Count(summary.NotDelivered.Count)}); the first ones:");
            var problems = Terminal.Table(context.Out, "Order", "Provider", "State", "Last error");
            foreach (var delivery in summary.NotDelivered.Take(10))
            {
                Terminal.AddRow(problems, delivery.OrderId, delivery.Provider, delivery.State.ToString(), Terminal.Truncate(delivery.LastError, 100));
            }

            context.Out.Write(problems);
            Terminal.Line(context.Out, "See them with: purchasesdk deliveries --state failed (or indeterminate, pending); repair with deliveries redrive / resolve.");
        }
        else
        {
            Terminal.Line(context.Out, "Every delivery succeeded or was skipped.");
        }
    }

    private sealed class Enqueued
    {
        public int Created { get; set; }

        public int Already { get; set; }

        public int Done => Created + Already;
    }
}
