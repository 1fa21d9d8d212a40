using PurchaseSdk.Samples.Console;
using PurchaseSdk.Tests.Reliability;

namespace PurchaseSdk.Tests.Samples;

/// <summary>The README's first command, run in-process against its sandbox.</summary>
public sealed class ConsoleSampleTests
{
    [Test]
    public async Task The_sample_reports_to_every_provider_and_exits_zero()
    {
        using var output = new StringWriter();

        var exitCode = await SampleApp.RunAsync(["--sandbox"], output);

        var text = output.ToString();
        var firstTable = text[text.IndexOf("1. One purchase", StringComparison.Ordinal)..text.IndexOf("2. Kit answers", StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, text);
            foreach (var provider in ProviderCase.All.Select(p => p.Name))
            {
                Assert.That(firstTable, Does.Match($@"\n  {provider} +Succeeded "), provider);
            }

            Assert.That(text, Does.Contain("Everything behaved as shown."));
            Assert.That(text, Does.Match(@"\n  Kit +Succeeded +1337 +2 "), "the retried Kit call took two attempts");
            Assert.That(text, Does.Match(@"\n  Scout +Skipped "));
            Assert.That(text, Does.Contain("5. Durable delivery"));
            Assert.That(text, Does.Match(@"\n  ORD-2001 +Kit +Pending +1 +in "), "Kit's delivery waits with its next attempt time");
            Assert.That(text, Does.Match(@"\n  ORD-2003 +Kit +Succeeded +2 "), "and is delivered once Kit is back");
            Assert.That(text, Does.Contain("was already enqueued"));
            Assert.That(text, Does.Not.Contain("sandbox-kit-access-token").And.Not.Contain("sandbox-ep-client-secret"));
        });
    }

    [Test]
    public async Task Help_explains_the_real_provider_settings()
    {
        using var output = new StringWriter();

        var exitCode = await SampleApp.RunAsync(["--help"], output);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output.ToString(), Does.Contain("PurchaseSdk:Kit:AccessToken").And.Contain("user-secrets").And.Contain("PurchaseSdk__Drip__AccountId"));
        });
    }
}
