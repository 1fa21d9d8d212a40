using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Testing;
using PurchaseSdk.Tests.Support;

namespace PurchaseSdk.Tests.Preview;

/// <summary>
/// Issue #15: <see cref="IPurchaseReporter.PreviewAsync"/> shows, per provider, the exact requests a report would send
/// (built by the real mapping and pipeline), credentials masked, and sends nothing.
/// </summary>
public sealed class PreviewTests : SandboxTest
{
    [Test]
    public async Task Each_provider_s_preview_is_the_request_the_report_sends_with_secrets_masked()
    {
        await using var services = BuildWithSandbox();
        var reporter = services.GetRequiredService<IPurchaseReporter>();
        var purchase = FullPurchase();

        var preview = await reporter.PreviewAsync(purchase);
        Assert.That(Sandbox.Providers.Sum(p => p.Requests.Count), Is.Zero, "a preview sends nothing");
        var report = await Clock.RunAsync(reporter.ReportAsync(purchase));
        Assert.That(report.Succeeded, Is.True, report.ToString());

        foreach (var emulator in Sandbox.Providers)
        {
            var sent = emulator.Requests.Where(r => !r.Path.EndsWith("/oauth/access_token", StringComparison.Ordinal)).ToList();
            var shown = preview[emulator.Name]!;
            Assert.That(shown.Requests, Has.Count.EqualTo(sent.Count), emulator.Name);
            for (var i = 0; i < sent.Count; i++)
            {
                var (actual, previewed) = (sent[i], shown.Requests[i]);
                Assert.Multiple(() =>
                {
                    Assert.That(previewed.Method, Is.EqualTo(actual.Method), emulator.Name);
                    Assert.That(Uri.UnescapeDataString(previewed.Url.AbsolutePath), Is.EqualTo(emulator.Address.AbsolutePath + actual.Path), emulator.Name);
                    Assert.That(previewed.Url.Query.TrimStart('?'), Is.EqualTo(string.Join('&', actual.Query.Select(q => q.Key + "=" + q.Value))), emulator.Name);
                    Assert.That(previewed.Body, Is.EqualTo(Mask(actual.Body)), $"{emulator.Name}: the same bytes, secrets masked");
                    foreach (var header in previewed.Headers.Where(h => h.Key is not ("Host" or "Content-Length")))
                    {
                        Assert.That(header.Value, Is.EqualTo(MaskHeader(header.Key, actual.Headers[header.Key])), $"{emulator.Name} {header.Key}");
                    }

                    Assert.That(string.Join("\n", previewed.Headers.Select(h => h.Value)) + previewed.Body, Does.Not.Contain(Sandbox.Credentials.KitAccessToken)
                        .And.Not.Contain(Sandbox.Credentials.ScoutApiKey).And.Not.Contain(Sandbox.Credentials.ScoutUserAccessToken)
                        .And.Not.Contain(Sandbox.Credentials.DripApiKey).And.Not.Contain(Sandbox.Credentials.RundlAccessToken));
                });
            }
        }
    }

    [Test]
    public async Task Elastic_Path_s_token_request_is_described_not_made()
    {
        await using var services = BuildWithSandbox();

        var preview = (await services.GetRequiredService<IPurchaseReporter>().PreviewAsync(FullPurchase()))["ElasticPath"]!;

        Assert.Multiple(() =>
        {
            Assert.That(Sandbox.ElasticPath.Requests, Is.Empty, "no token request, no checkout");
            Assert.That(preview.Notes.Single(), Does.Contain("Requests an access token first (POST ").And.Contain("/oauth/access_token, client credentials)"));
            Assert.That(preview.Requests.Single().Headers.Single(h => h.Key == "Authorization").Value, Is.EqualTo("Bearer ***"));
            Assert.That(preview.Requests.Single().Url.AbsolutePath, Does.EndWith("/v2/carts/sandbox-cart/checkout"));
        });
    }

    [Test]
    public async Task A_provider_that_would_skip_says_why_and_an_invalid_purchase_is_refused()
    {
        await using var services = BuildWithSandbox();
        var reporter = services.GetRequiredService<IPurchaseReporter>();

        var preview = await reporter.PreviewAsync(Purchases.Simple("no-contexts"));
        var invalid = Assert.ThrowsAsync<PurchaseValidationException>(() => reporter.PreviewAsync(new Purchase { OrderId = "", Currency = "USD" }));

        Assert.Multiple(async () =>
        {
            Assert.That(preview["Scout"]!.SkipReason, Does.Contain("ScoutUserContext"));
            Assert.That(preview["Scout"]!.Requests, Is.Empty);
            Assert.That(preview["Kit"]!.SkipReason, Is.Null);
            Assert.That(preview["Kit"]!.Requests, Has.Count.EqualTo(1));
            Assert.That(await invalid, Is.Not.Null);
        });
    }

    [Test]
    public async Task A_preview_spends_no_request_budget()
    {
        await using var services = Sdk.Build(Clock, sdk => sdk.AddKit(o =>
        {
            Sdk.UseTestResilience(o);
            o.RateLimit.PermitLimit = 1;
            o.RateLimit.Window = TimeSpan.FromHours(1);
        }).UsePurchaseSandbox(Sandbox));
        var reporter = services.GetRequiredService<IPurchaseReporter>();

        await reporter.PreviewAsync(Purchases.Simple("p-1"));
        await reporter.PreviewAsync(Purchases.Simple("p-2"));
        var report = await reporter.ReportAsync(Purchases.Simple("p-3"));

        Assert.That(report["Kit"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), "the one permit is still there");
    }

    private Purchase FullPurchase() => WithSandboxContexts(new Purchase
    {
        OrderId = "preview-1",
        Customer = new Customer { Name = "John Doe", Email = "john+test@example.com" },
        Currency = "USD",
        Source = "my-shop",
        OccurredAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero),
        Lines = [new PurchaseLine { Name = "Canoe", Sku = "C-1", UnitPrice = 49m }, new PurchaseLine { Name = "Paddle", Quantity = 2, UnitPrice = 12.5m, Sku = "P-2" }],
        Tax = 3m,
    });

    /// <summary>The one credential that travels in a body (Scout's user access token) becomes <c>***</c>.</summary>
    private string? Mask(string? body) => body?.Replace(Sandbox.Credentials.ScoutUserAccessToken, "***", StringComparison.Ordinal);

    private static string MaskHeader(string name, string value) => name.ToLowerInvariant() switch
    {
        "authorization" => value[..value.IndexOf(' ', StringComparison.Ordinal)] + " ***",
        "x-api-key" => "***",
        _ => value,
    };
}
