using PurchaseSdk.Cli.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace PurchaseSdk.Cli.Tests;

/// <summary><c>purchasesdk deliveries</c>: list, show, redrive, resolve and purge, the admin API from a terminal.</summary>
public sealed class DeliveriesTests : SandboxedCliTest
{
    [Test]
    public async Task A_failed_delivery_is_listed_shown_and_re_driven_to_success()
    {
        var file = Cli.Write("orders.jsonl", BackfillTests.Orders(3));
        Sandbox.Kit.FailNext(1, SandboxFault.Status(422));
        var backfill = await Cli.RunAsync("backfill", file, "--sandbox", "--provider", "Kit", "--provider", "Drip", "--wait");
        Assert.That(backfill.ExitCode, Is.EqualTo(1), backfill.ToString());
        var failedOrder = Sandbox.Kit.Requests.Select(r => r.Body!).Select(b => System.Text.Json.Nodes.JsonNode.Parse(b)!["purchase"]!["transaction_id"]!.ToString()).First();

        var list = await Cli.RunAsync("deliveries");
        var failed = await Cli.RunAsync("deliveries", "--state", "failed", "--provider", "kit", "--json");
        var show = await Cli.RunAsync("deliveries", "show", failedOrder);
        Assert.Multiple(() =>
        {
            Assert.That(list.ExitCode, Is.Zero, list.ToString());
            Assert.That(BackfillTests.SummaryRow(list.Out, "Kit"), Is.EqualTo(new[] { "Kit", "0", "2", "0", "1", "0", "0" }), "counts: pending, succeeded, skipped, failed, ...");
            Assert.That(list.Out, Does.Contain("Deliveries not done failed, indeterminate or pending:"));
            Assert.That(list.Out.Split('\n').Single(l => l.Contains($"| {failedOrder} ", StringComparison.Ordinal)), Does.Contain("| Kit ").And.Contain("Failed").And.Contain("422"));
            Assert.That(failed.Json["deliveries"]!.AsArray().Select(d => (string?)d!["orderId"]), Is.EqualTo(new[] { failedOrder }));
            Assert.That((string?)failed.Json["deliveries"]![0]!["state"], Is.EqualTo("Failed"));
            Assert.That(show.ExitCode, Is.Zero, show.ToString());
            Assert.That(show.Out, Does.StartWith($"Order {failedOrder}, enqueued "));
            Assert.That(show.Out, Does.Contain("Kit (delivery #").And.Contain("| Failed ").And.Contain("Drip (delivery #"));
        });

        var redrive = await Cli.RunAsync("deliveries", "redrive", failedOrder, "--provider", "Kit", "--wait", "--sandbox");
        var again = await Cli.RunAsync("deliveries", "redrive", failedOrder);

        Assert.Multiple(() =>
        {
            Assert.That(redrive.ExitCode, Is.Zero, redrive.ToString());
            Assert.That(redrive.Out, Does.StartWith("Kit: re-driven (pending, due now).\n"));
            Assert.That(redrive.Out.Split('\n').Single(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains("| Kit ", StringComparison.Ordinal)), Does.Contain("Succeeded"));
            Assert.That(Sandbox.Kit.RecordCount, Is.EqualTo(3), "delivered once after the re-drive");
            Assert.That(again.ExitCode, Is.EqualTo(5), again.ToString());
            Assert.That(again.Error, Is.EqualTo($"error: Nothing to re-drive: no delivery of {failedOrder} failed (Kit: Succeeded, Drip: Succeeded); only failed deliveries can be re-driven.\n"));
        });
    }

    [Test]
    public async Task An_indeterminate_delivery_is_resolved_as_delivered_or_sent_again()
    {
        var file = Cli.Write("orders.jsonl", BackfillTests.Orders(2));
        // Kit records the purchase, then the connection drops: maybe processed, and Kit cannot be asked.
        Sandbox.Kit.FailNext(2, SandboxFault.AcceptThenFail());
        var backfill = await Cli.RunAsync("backfill", file, "--sandbox", "--provider", "Kit", "--wait");
        Assert.That(backfill.ExitCode, Is.EqualTo(1), backfill.ToString());
        Assert.That(BackfillTests.SummaryRow(backfill.Out, "Kit"), Is.EqualTo(new[] { "Kit", "0", "0", "0", "2", "0", "0" }), backfill.Out);

        var listed = await Cli.RunAsync("deliveries", "--state", "indeterminate");
        var delivered = await Cli.RunAsync("deliveries", "resolve", "O-1", "--provider", "Kit", "--delivered", "kit-4711");
        var resent = await Cli.RunAsync("deliveries", "resolve", "O-2", "--provider", "Kit", "--resend", "--wait", "--sandbox");
        var shown = await Cli.RunAsync("deliveries", "show", "O-1", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(listed.Out, Does.Contain("| O-1 ").And.Contain("| O-2 ").And.Contain("Indeterminate"));
            Assert.That(delivered.ExitCode, Is.Zero, delivered.ToString());
            Assert.That(delivered.Out, Is.EqualTo("Kit: resolved as delivered (kit-4711).\n"));
            Assert.That(resent.ExitCode, Is.Zero, resent.ToString());
            Assert.That(resent.Out, Does.StartWith("Kit: pending again, to be sent as a first attempt.\n").And.Contain("Succeeded"));
            Assert.That((string?)shown.Json["deliveries"]![0]!["state"], Is.EqualTo("Succeeded"));
            Assert.That((string?)shown.Json["deliveries"]![0]!["providerReference"], Is.EqualTo("kit-4711"));
            Assert.That(Sandbox.Kit.RecordCount, Is.EqualTo(3), "two accepted before the drops, O-2 once more on the re-send");
        });

        var twice = await Cli.RunAsync("deliveries", "resolve", "O-1", "--provider", "Kit", "--resend");
        var both = await Cli.RunAsync("deliveries", "resolve", "O-1", "--provider", "Kit", "--resend", "--delivered");
        var unknown = await Cli.RunAsync("deliveries", "show", "NOPE");
        Assert.Multiple(() =>
        {
            Assert.That(twice.ExitCode, Is.EqualTo(5));
            Assert.That(twice.Error, Does.Contain("Kit's delivery of O-1 is Succeeded; only an indeterminate delivery can be resolved"));
            Assert.That(both.ExitCode, Is.EqualTo(2));
            Assert.That(unknown.ExitCode, Is.EqualTo(5));
            Assert.That(unknown.Error, Is.EqualTo("error: Order NOPE is not in the delivery store.\n"));
        });
    }

    [Test]
    public async Task Purge_deletes_finished_deliveries_older_than_the_given_age()
    {
        var backfill = await Cli.RunAsync("backfill", Cli.Write("orders.jsonl", BackfillTests.Orders(4)), "--sandbox", "--provider", "Kit", "--wait");
        Assert.That(backfill.ExitCode, Is.Zero, backfill.ToString());

        var recent = await Cli.RunAsync("deliveries", "purge", "--older-than", "1d");
        Cli.Time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(2));
        var old = await Cli.RunAsync("deliveries", "purge", "--older-than", "1d");
        var bad = await Cli.RunAsync("deliveries", "purge", "--older-than", "soon");

        Assert.Multiple(() =>
        {
            Assert.That(recent.Out, Is.EqualTo("Purged 0 deliveries that finished more than 1d 0h ago.\n"));
            Assert.That(old.ExitCode, Is.Zero, old.ToString());
            Assert.That(old.Out, Is.EqualTo("Purged 4 deliveries that finished more than 1d 0h ago.\n"));
            Assert.That(bad.ExitCode, Is.EqualTo(2));
            Assert.That(bad.Error, Does.Contain("'soon' is not a duration"));
        });
    }
}
