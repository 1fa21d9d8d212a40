using PurchaseSdk.Cli.Tests.Support;

namespace PurchaseSdk.Cli.Tests;

/// <summary><c>purchasesdk send</c>: a table of outcomes; exit code 0 only when every targeted provider succeeded or was skipped.</summary>
public sealed class SendTests : SandboxedCliTest
{
    [Test]
    public async Task Sends_to_every_provider_and_shows_one_row_each()
    {
        var result = await Cli.RunAsync("send", Cli.CopySample("purchase.json"), "--sandbox");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            foreach (var provider in new[] { "Scout", "Rundl", "Kit", "Drip", "ElasticPath" })
            {
                Assert.That(Row(result.Out, provider), Does.Contain("Succeeded"), provider);
            }

            Assert.That(Row(result.Out, "Kit"), Does.Contain(Sandbox.Kit.Records.Single()["id"]!.ToString()), "Kit's reference");
            Assert.That(result.Out, Does.EndWith("Every provider succeeded or was skipped.\n"));
            Assert.That((result.Out + result.Error).Contains('\u001b', StringComparison.Ordinal), Is.False, "no colour on redirected output");
            Assert.That(Sandbox.Providers.Select(p => p.RecordCount), Is.All.GreaterThan(0));
        });
    }

    [Test]
    public async Task Sending_one_order_again_to_one_provider_touches_no_other()
    {
        var result = await Cli.RunAsync("send", Cli.CopySample("purchase.json"), "--sandbox", "--provider", "drip");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(Sandbox.Drip.RecordCount, Is.EqualTo(1));
            Assert.That(Sandbox.Providers.Where(p => p.Name != "Drip").Sum(p => p.Requests.Count), Is.Zero);
            Assert.That(result.Out, Does.Not.Contain("Kit"));
        });
    }

    [Test]
    public async Task A_failed_provider_is_exit_code_1_with_its_error_and_the_others_still_succeed()
    {
        Sandbox.Kit.FailNext(1, SandboxFault.Status(422));

        var result = await Cli.RunAsync("send", Cli.CopySample("purchase.json"), "--sandbox");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(Row(result.Out, "Kit"), Does.Contain("Failed").And.Contain("422"));
            Assert.That(Row(result.Out, "Drip"), Does.Contain("Succeeded"));
            Assert.That(result.Out, Does.Contain("Not delivered to Kit (Failed)."));
        });
    }

    [Test]
    public async Task A_skipped_provider_still_succeeds_and_JSON_output_is_for_machines()
    {
        var file = Cli.Write("p.json", """{"orderId":"S-1","currency":"USD","customer":{"email":"ann@example.com","name":"Ann Lee"},"lines":[{"name":"Canoe","unitPrice":49}],"contexts":{"Rundl.Checkout":{"accountId":17357980,"serviceId":30798101,"productId":30798131}}}""");

        var result = await Cli.RunAsync("send", file, "--sandbox", "--json");

        var outcomes = result.Json["outcomes"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That((bool)result.Json["succeeded"]!, Is.True);
            Assert.That(outcomes.Single(o => (string?)o!["provider"] == "Scout")!["status"]!.ToString(), Is.EqualTo("Skipped"), "it has contexts, so the sandbox adds none");
            Assert.That(outcomes.Single(o => (string?)o!["provider"] == "Rundl")!["status"]!.ToString(), Is.EqualTo("Succeeded"));
        });
    }

    /// <summary>The table row of <paramref name="provider"/>.</summary>
    internal static string Row(string output, string provider) =>
        output.Split('\n').FirstOrDefault(l => l.StartsWith("| " + provider + " ", StringComparison.Ordinal)) ?? $"(no row for {provider})";
}
