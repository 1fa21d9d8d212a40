namespace PurchaseSdk.Cli.Tests;

/// <summary>How the process sets up its output: colour and animation only on a terminal without NO_COLOR.</summary>
public sealed class OutputTests
{
    [TestCase(false, false, null, true)]
    [TestCase(true, true, null, false)]
    [TestCase(false, false, "1", false)]
    [TestCase(false, true, null, false)]
    public void Colour_and_animation_only_on_a_terminal_without_NO_COLOR(bool outputRedirected, bool errorRedirected, string? noColor, bool fancy)
    {
        var environment = new Dictionary<string, string>();
        if (noColor is not null)
        {
            environment["NO_COLOR"] = noColor;
        }

        var context = CliApp.ProcessContext(environment, new StringWriter(), new StringWriter(), outputRedirected, errorRedirected, Path.GetTempPath());

        Assert.Multiple(() =>
        {
            Assert.That(context.Animate, Is.EqualTo(fancy), "animation");
            if (!fancy)
            {
                Assert.That(context.Error.Profile.Capabilities.Ansi, Is.False, "no ANSI on the error stream");
            }

            if (outputRedirected || noColor is not null)
            {
                Assert.That(context.Out.Profile.Capabilities.Ansi, Is.False, "no colour codes in a file or with NO_COLOR");
            }
        });
    }

    [Test]
    public async Task Redirected_output_is_plain_text_with_ASCII_tables_and_no_escape_codes()
    {
        await using var sandbox = PurchaseSandbox.Start();
        using var cli = new CliRunner(sandbox);
        var output = new StringWriter();
        var error = new StringWriter();
        var context = CliApp.ProcessContext(new Dictionary<string, string>(), output, error, outputRedirected: true, errorRedirected: true, cli.Folder);
        var file = cli.CopySample("purchase.json");

        var exit = await CliApp.RunAsync(
            ["send", file, "--sandbox"],
            new CliContext { Out = context.Out, Error = context.Error, Animate = context.Animate, WorkingDirectory = cli.Folder, Environment = cli.Environment, Sandbox = sandbox },
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, output + "\n" + error);
            Assert.That(output.ToString(), Does.Contain("+----").And.Contain("| Kit         | Succeeded |"));
            Assert.That((output.ToString() + error).Contains('\u001b', StringComparison.Ordinal), Is.False, "no escape codes");
        });
    }
}
