using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PurchaseSdk.Drip;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Http;
using PurchaseSdk.Kit;
using PurchaseSdk.Scout;
using PurchaseSdk.Testing;
using PurchaseSdk.Tests.Reliability;

namespace PurchaseSdk.Tests.BadInput;

/// <summary>
/// Hostile text reaches every provider exactly as given (correctly JSON-escaped, a path segment escaped once), and
/// a line break can never reach a header.
/// </summary>
public sealed class HostileInputTests : SandboxTest
{
    private const string Quotes = "Say \"hi\" \\ 'there'";
    private const string Controls = "tab\there\u0001bell\u0007nul\u0000cr\rlf\n";
    private const string Emoji = "🛶 canoe 🙂";
    private const string RightToLeft = "\u200Fשלום\u202Eevil\u202C";
    private static readonly string TenKilobytes = new('x', 10 * 1024);

    [Test]
    public async Task Hostile_strings_in_every_text_field_arrive_unchanged_at_every_provider()
    {
        await using var services = BuildWithSandbox();
        var email = "\"o'hara\"+🙂/.%2e?#x@example.com"; // no '..': Elastic Path refuses double periods, as documented
        var purchase = new Purchase
        {
            OrderId = "ord-\"1\"-\u200F-🙂",
            Customer = new Customer { Email = email, Name = Quotes + RightToLeft },
            Currency = "USD",
            Status = Controls,
            Source = Emoji,
            Store = RightToLeft,
            Permalink = "https://shop.example/o?q=\"1\"&x=<script>",
            Properties = new Dictionary<string, string> { [Quotes] = Controls, ["long"] = TenKilobytes },
            Lines =
            [
                new PurchaseLine
                {
                    Name = TenKilobytes + Emoji, Sku = Quotes, Size = Controls, Brand = RightToLeft, Color = Emoji,
                    UnitPrice = 10m, Properties = new Dictionary<string, string> { [Emoji] = RightToLeft },
                },
            ],
        };
        WithSandboxContexts(purchase);

        var report = await services.ReportAsync(Clock, purchase);

        Assert.That(report.Outcomes.Select(o => o.Status), Is.All.EqualTo(ProviderOutcomeStatus.Succeeded), report.ToString());
        var kit = Sandbox.Kit.Records.Single();
        var scout = Sandbox.Scout.Records.Single();
        var drip = Sandbox.Drip.Records.Single();
        var order = Sandbox.ElasticPath.Records.Single();
        Assert.Multiple(() =>
        {
            Assert.That((string)kit["transaction_id"]!, Is.EqualTo(purchase.OrderId));
            Assert.That((string)kit["email_address"]!, Is.EqualTo(email));
            Assert.That((string)kit["status"]!, Is.EqualTo(Controls));
            Assert.That((string)kit["products"]![0]!["name"]!, Is.EqualTo(TenKilobytes + Emoji));
            Assert.That((string)kit["products"]![0]!["sku"]!, Is.EqualTo(Quotes));
            Assert.That((string)scout["size"]!, Is.EqualTo(Controls));
            Assert.That((string)scout["brand"]!, Is.EqualTo(RightToLeft));
            Assert.That((string)scout["color"]!, Is.EqualTo(Emoji));
            Assert.That((string)scout["store"]!, Is.EqualTo(RightToLeft));
            Assert.That((string)drip["provider"]!, Is.EqualTo(Emoji));
            Assert.That((string)drip["permalink"]!, Is.EqualTo(purchase.Permalink));
            Assert.That((string)drip["properties"]![Quotes]!, Is.EqualTo(Controls));
            Assert.That((string)drip["properties"]!["long"]!, Is.EqualTo(TenKilobytes));
            Assert.That((string)drip["items"]![0]!["properties"]![Emoji]!, Is.EqualTo(RightToLeft));
            Assert.That((string)drip["links"]!["subscriber"]!, Is.EqualTo(email), "the email stayed one path segment, escaped once");
            Assert.That((string)order["contact"]!["name"]!, Is.EqualTo(Quotes + RightToLeft));
            Assert.That((string)order["external_ref"]!, Is.EqualTo(purchase.OrderId));
        });
    }

    /// <summary>Every secret of every provider of the table.</summary>
    private static IEnumerable<TestCaseData> Secrets() =>
        from provider in ProviderCase.All
        from secret in provider.Secrets
        select new TestCaseData(provider, secret).SetName($"{provider.Name} {secret}");

    [TestCaseSource(nameof(Secrets))]
    public void A_line_break_in_a_credential_is_refused_at_configuration_time(ProviderCase provider, string secret)
    {
        // Set in code, as an application would: the otherwise required settings, then the secret with a line break.
        static void Set(PurchaseProviderOptions options, string property, string value) => options.GetType().GetProperty(property)!.SetValue(options, value);
        var error = Assert.Throws<OptionsValidationException>(() => Sdk.Options(provider, s => provider.AddTo(s.AddPurchaseSdk(), o =>
        {
            foreach (var (key, value) in provider.Required)
            {
                Set(o, key, value);
            }

            Set(o, secret, "value\r\nX-Injected: 1");
        })))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("contains a line break"));
            Assert.That(error.Message, Does.Contain($"PurchaseSdk:{provider.Name}:{secret}"), "named by its key");
            Assert.That(error.Message, Does.Not.Contain("X-Injected"), "the value itself is never echoed");
        });
    }

    [Test]
    public void A_line_break_in_the_application_name_is_refused_at_configuration_time()
    {
        Assert.That(
            () => Sdk.Options<PurchaseSdkOptions>(s => s.AddPurchaseSdk(o => o.ApplicationName = "Shop\r\nX-Injected: 1")),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("line break"));
    }

    [Test]
    public async Task A_line_break_in_an_account_management_token_skips_Elastic_Path_without_sending()
    {
        await using var services = BuildWithSandbox();
        var purchase = Purchases.Simple();
        var named = new Purchase { OrderId = "x", Currency = "USD", Lines = purchase.Lines, Customer = new Customer { Name = "A", Email = "a@example.com" } };
        named.Contexts.Add(new ElasticPathCheckoutContext { CartReference = "c", AccountManagementToken = "tok\r\nX-Injected: 1" });

        var report = await services.ReportAsync(Clock, named);

        Assert.Multiple(() =>
        {
            Assert.That(report["ElasticPath"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Skipped));
            Assert.That(report["ElasticPath"]!.Message, Does.Contain("line break"));
            Assert.That(Sandbox.ElasticPath.Requests, Is.Empty);
        });
    }

    [Test]
    public void Plain_http_on_another_host_is_refused_for_every_address_unless_allowed()
    {
        Assert.That(
            () => Sdk.Options<ScoutOptions>(s => s.AddPurchaseSdk().AddScout(o => (o.ApiKey, o.ApiAddress) = ("k3y-value", new Uri("http://scout.example")))),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("PurchaseSdk:Scout:ApiAddress uses plain http"));
    }
}
