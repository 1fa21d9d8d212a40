namespace PurchaseSdk.Cli.Tests;

/// <summary>What every command shares: help with an example, one error line with a documented exit code per failure kind, no secret printed.</summary>
public sealed class CommandLineTests : CliTest
{
    [TestCase("preview", "purchasesdk preview purchase.json --provider Kit --json")]
    [TestCase("send", "purchasesdk send purchase.json --provider Drip")]
    [TestCase("validate", "purchasesdk validate orders.jsonl")]
    [TestCase("backfill", "purchasesdk backfill orders.csv --provider Kit --wait")]
    [TestCase("deliveries", "purchasesdk deliveries --state failed --provider Kit")]
    [TestCase("deliveries show", "purchasesdk deliveries show ORD-1001")]
    [TestCase("deliveries redrive", "purchasesdk deliveries redrive ORD-1001 --provider Drip --wait")]
    [TestCase("deliveries resolve", "purchasesdk deliveries resolve ORD-1001 --provider Kit --delivered 8675309")]
    [TestCase("deliveries purge", "purchasesdk deliveries purge --older-than 30d")]
    public async Task Every_command_s_help_has_an_example(string command, string example)
    {
        var result = await Cli.RunAsync([.. command.Split(' '), "--help"]);

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Out, Does.Contain("Usage:").And.Contain("Examples:").And.Contain(example));
    }

    [Test]
    public async Task The_root_help_documents_configuration_and_exit_codes()
    {
        var result = await Cli.RunAsync("--help");

        Assert.That(result.Out, Does.Contain("PurchaseSdk__Kit__AccessToken").And.Contain("130  interrupted").And.Contain("4    configuration error"));
    }

    [Test]
    public async Task Each_failure_kind_is_one_error_line_and_its_exit_code()
    {
        var purchase = Cli.CopySample("purchase.json");
        Cli.Environment.Remove("PurchaseSdk__Delivery__Sqlite__ConnectionString");
        var cases = new (string[] Args, int Exit, string Error)[]
        {
            (["frobnicate"], 2, "error: Unrecognized command or argument 'frobnicate'."),
            (["preview"], 2, "error: Required argument missing for command: 'preview'."),
            (["send", purchase, "--provider"], 2, "error: Required argument missing for option: '--provider'."),
            (["deliveries", "resolve", "O-1", "--provider", "Kit"], 2, "error: Say how it ends: --delivered [REF]"),
            (["send", "missing.json"], 3, "error: Cannot read missing.json:"),
            (["send", Cli.Write("bad.json", """{"orderId":"B","currency":"USD","lines":[]}""")], 3, "error: The purchase in bad.json is invalid (1 problem); nothing was sent."),
            (["send", purchase], 4, "error: No provider is configured: set at least one provider's credentials"),
            (["send", purchase, "--provider", "Kit", "--config", "other.json"], 4, "error: The configuration file other.json does not exist."),
            (["send", purchase, "--provider", "Acme"], 2, "error: 'Acme' is not a provider; the providers are Scout, Rundl, Kit, Drip, ElasticPath."),
            (["deliveries"], 4, "error: No delivery store is configured: set PurchaseSdk:Delivery:Sqlite:ConnectionString"),
        };

        foreach (var (args, exit, error) in cases)
        {
            var result = await Cli.RunAsync(args);
            Assert.Multiple(() =>
            {
                Assert.That(result.ExitCode, Is.EqualTo(exit), string.Join(' ', args) + "\n" + result);
                Assert.That(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(), Does.StartWith(error), "the error is the last line: " + string.Join(' ', args));
                Assert.That(result.Error.TrimEnd('\n').Split('\n').Count(l => l.StartsWith("error:", StringComparison.Ordinal)), Is.EqualTo(1), "one error line");
            });
        }
    }

    [Test]
    public async Task An_invalid_setting_names_its_key_and_never_prints_a_secret()
    {
        Cli.Environment["PurchaseSdk__Kit__AccessToken"] = "kit-secret-value-1234";
        Cli.Environment["PurchaseSdk__Kit__BaseAddress"] = "http://kit.example.com";

        var result = await Cli.RunAsync("preview", Cli.CopySample("purchase.json"));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
            Assert.That(result.Error, Does.StartWith("error: Invalid configuration: PurchaseSdk:Kit:BaseAddress uses plain http on a non-loopback host"));
            Assert.That(result.Error.TrimEnd('\n'), Does.Not.Contain('\n'));
            Assert.That(result.Out + result.Error, Does.Not.Contain("kit-secret-value-1234"));
        });
    }

    [Test]
    public async Task Settings_come_from_appsettings_json_then_environment_variables_and_config_replaces_the_file()
    {
        await using var sandbox = PurchaseSandbox.Start();
        Cli.Write("appsettings.json", """{ "PurchaseSdk": { "Kit": { "AccessToken": "from-appsettings" } } }""");
        Cli.Write("other.json", """{ "PurchaseSdk": { "Drip": { "AccountId": "1", "ApiKey": "from-other" } } }""");
        var purchase = Cli.CopySample("purchase.json");

        var fromFile = await Cli.RunAsync("preview", purchase, "--json");
        var fromConfig = await Cli.RunAsync("preview", purchase, "--json", "--config", "other.json");
        Cli.Environment["PurchaseSdk__Scout__ApiKey"] = "from-environment";
        var withEnvironment = await Cli.RunAsync("preview", purchase, "--json");

        static string[] Providers(CliResult r) => [.. r.Json["providers"]!.AsArray().Select(p => (string)p!["provider"]!)];
        Assert.Multiple(() =>
        {
            Assert.That(Providers(fromFile), Is.EqualTo(new[] { "Kit" }), fromFile.ToString());
            Assert.That(Providers(fromConfig), Is.EqualTo(new[] { "Drip" }), fromConfig.ToString());
            Assert.That(Providers(withEnvironment), Is.EqualTo(new[] { "Scout", "Kit" }), withEnvironment.ToString());
            Assert.That(fromFile.Out + fromConfig.Out + withEnvironment.Out, Does.Not.Contain("from-appsettings").And.Not.Contain("from-other").And.Not.Contain("from-environment"));
        });
    }

    [Test]
    public async Task A_purchase_is_read_from_standard_input()
    {
        await using var sandbox = PurchaseSandbox.Start();
        using var cli = new CliRunner(sandbox);
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "purchase.json"));

        var result = await cli.RunAsync(["send", "-", "--sandbox", "--provider", "Kit"], null, CancellationToken.None, json);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(sandbox.Kit.RecordCount, Is.EqualTo(1));
    }
}
