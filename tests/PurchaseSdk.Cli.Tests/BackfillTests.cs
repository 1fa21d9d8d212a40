using PurchaseSdk.Cli.Tests.Support;
using System.Text;
using System.Text.Json;

namespace PurchaseSdk.Cli.Tests;

/// <summary>
/// <c>purchasesdk backfill</c>: validate everything first, enqueue in batches (idempotent by order id, so a rerun
/// resumes), deliver with <c>--wait</c>, and a summary table at the end.
/// </summary>
public sealed class BackfillTests : SandboxedCliTest
{
    [Test]
    public async Task Two_thousand_purchases_interrupted_half_way_and_resumed_are_each_delivered_once()
    {
        var file = Cli.Write("orders.jsonl", Orders(2000));
        using var interrupt = new CancellationTokenSource();

        // Ctrl+C once 1,000 purchases are in the store: the run stops cleanly, exit code 130.
        var first = await Cli.RunAsync(["backfill", file, "--sandbox", "--provider", "Kit", "--provider", "Rundl", "--wait"], new CancelAt(1000, interrupt), interrupt.Token);
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(130), first.ToString());
            Assert.That(first.Out, Does.Contain("Interrupted: 1,000 of 2,000 purchases are in the store (1,000 new, 0 already there)"));
            Assert.That(Sandbox.Kit.RecordCount + Sandbox.Rundl.RecordCount, Is.Zero, "interrupted while enqueueing: nothing delivered yet");
        });

        // The same command again enqueues the rest, then delivers all of them.
        var second = await Cli.RunAsync("backfill", file, "--sandbox", "--provider", "Kit", "--provider", "Rundl", "--wait");

        var kitOrders = Sandbox.Kit.Records.Select(r => r["transaction_id"]!.ToString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(second.ExitCode, Is.Zero, second.ToString());
            Assert.That(second.Out, Does.Contain("Enqueued 1,000 purchases for Rundl, Kit; 1,000 already in the store (skipped)."));
            Assert.That(SummaryRow(second.Out, "Kit"), Is.EqualTo(new[] { "Kit", "2,000", "0", "0", "0", "0", "0" }));
            Assert.That(SummaryRow(second.Out, "Rundl"), Is.EqualTo(new[] { "Rundl", "2,000", "0", "0", "0", "0", "0" }));
            Assert.That(second.Out, Does.EndWith("Every delivery succeeded or was skipped.\n"));
            Assert.That(kitOrders, Has.Count.EqualTo(2000).And.Unique, "each purchase delivered to Kit exactly once");
            Assert.That(Sandbox.Rundl.RecordCount, Is.EqualTo(2000), "and to Rundl exactly once");
            Assert.That(Sandbox.Scout.Requests.Count + Sandbox.Drip.Requests.Count + Sandbox.ElasticPath.Requests.Count, Is.Zero, "--provider limits the deliveries");
            Assert.That(second.Error, Does.Contain("Enqueueing: 2,000 of 2,000").And.Contain("Delivering to Kit: 2,000 of 2,000"), "plain progress lines, no animation");
            Assert.That(second.Error.Contains('\u001b', StringComparison.Ordinal), Is.False, "no escape codes");
        });

        // A third run finds everything in the store and delivered.
        var third = await Cli.RunAsync("backfill", file, "--sandbox", "--provider", "Kit", "--provider", "Rundl", "--wait");
        Assert.That(third.ExitCode, Is.Zero, third.ToString());
        Assert.That(third.Out, Does.Contain("Enqueued 0 purchases for Rundl, Kit; 2,000 already in the store (skipped)."));
        Assert.That(Sandbox.Kit.RecordCount, Is.EqualTo(2000));
    }

    [Test]
    public async Task An_invalid_purchase_stops_the_backfill_before_anything_is_enqueued()
    {
        var file = Cli.Write("orders.jsonl", Orders(5) + """{"orderId":"O-6","currency":"USD","lines":[{"name":"Canoe","unitPrice":-1}]}""" + "\n");

        var result = await Cli.RunAsync("backfill", file, "--sandbox", "--wait");
        var deliveries = await Cli.RunAsync("deliveries");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Out, Does.Contain("| 6 ").And.Contain("Lines[0].UnitPrice").And.Contain("must not be negative"));
            Assert.That(result.Error, Is.EqualTo("error: 1 of 6 purchases in orders.jsonl is invalid; nothing was enqueued.\n"));
            Assert.That(deliveries.Out, Does.Contain("The delivery store holds no delivery."));
        });
    }

    [Test]
    public async Task Without_wait_it_only_enqueues_and_a_failed_delivery_makes_wait_exit_1_with_its_error()
    {
        var csv = Cli.CopySample("orders.csv");
        var enqueued = await Cli.RunAsync("backfill", csv, "--sandbox");
        Assert.Multiple(() =>
        {
            Assert.That(enqueued.ExitCode, Is.Zero, enqueued.ToString());
            Assert.That(enqueued.Out, Does.Contain("Enqueued 3 purchases for Scout, Rundl, Kit, Drip, ElasticPath; 0 already in the store"));
            Assert.That(Sandbox.Providers.Sum(p => p.Requests.Count), Is.Zero, "nothing delivered without --wait");
        });

        Sandbox.Kit.FailNext(1, SandboxFault.Status(422));
        var delivered = await Cli.RunAsync("backfill", csv, "--sandbox", "--wait");

        Assert.Multiple(() =>
        {
            Assert.That(delivered.ExitCode, Is.EqualTo(1), delivered.ToString());
            Assert.That(SummaryRow(delivered.Out, "Kit"), Is.EqualTo(new[] { "Kit", "2", "0", "1", "0", "0", "0" }));
            Assert.That(SummaryRow(delivered.Out, "Drip"), Is.EqualTo(new[] { "Drip", "3", "0", "0", "0", "0", "0" }));
            Assert.That(SummaryRow(delivered.Out, "Scout"), Is.EqualTo(new[] { "Scout", "2", "1", "0", "0", "0", "0" }), "JPY is not a Scout currency");
            Assert.That(delivered.Out, Does.Contain("Not delivered (1)").And.Contain("| Kit ").And.Contain("422"));
        });
    }

    /// <summary>The cells of the summary table's row of <paramref name="provider"/>.</summary>
    internal static string[] SummaryRow(string output, string provider) =>
        output.Split('\n').Where(l => l.StartsWith("| " + provider + " ", StringComparison.Ordinal))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray()).LastOrDefault() ?? [];

    internal static string Orders(int count)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            text.Append(JsonSerializer.Serialize(new
            {
                orderId = $"O-{i}",
                occurredAt = "2026-11-29T12:00:00Z",
                currency = "USD",
                customer = new { email = $"buyer{i}@example.com", name = "Ann Lee" },
                lines = new[] { new { name = "Canoe", unitPrice = 49.5m, quantity = 1 + (i % 3) } },
                tax = 1.25m,
            })).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Presses Ctrl+C once <paramref name="count"/> purchases are in the store.</summary>
    private sealed class CancelAt(int count, CancellationTokenSource interrupt) : ICliObserver
    {
        public void Enqueued(int done, int total)
        {
            if (done >= count)
            {
                interrupt.Cancel();
            }
        }
    }
}
