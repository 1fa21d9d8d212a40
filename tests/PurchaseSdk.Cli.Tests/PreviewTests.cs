using PurchaseSdk.Cli.Tests.Support;
using System.Text.Json.Nodes;

namespace PurchaseSdk.Cli.Tests;

/// <summary>
/// Issue #15: <c>purchasesdk preview</c> shows, per provider, exactly the requests <c>purchasesdk send</c> then makes
/// (same method, URL, headers and body bytes), credentials masked, and sends nothing.
/// </summary>
public sealed class PreviewTests : SandboxedCliTest
{
    [Test]
    public async Task Each_provider_s_preview_is_byte_for_byte_the_request_send_makes_with_secrets_masked()
    {
        var file = Cli.CopySample("purchase.json");

        var preview = await Cli.RunAsync("preview", file, "--sandbox", "--json");
        Assert.That(preview.ExitCode, Is.Zero, preview.ToString());
        Assert.That(Sandbox.Providers.Sum(p => p.Requests.Count), Is.Zero, "a preview sends nothing");
        var sent = await Cli.RunAsync("send", file, "--sandbox");
        Assert.That(sent.ExitCode, Is.Zero, sent.ToString());

        var providers = preview.Json["providers"]!.AsArray();
        Assert.That(providers.Select(p => (string?)p!["provider"]), Is.EqualTo(new[] { "Scout", "Rundl", "Kit", "Drip", "ElasticPath" }));
        foreach (var emulator in Sandbox.Providers)
        {
            var shown = providers.Single(p => (string?)p!["provider"] == emulator.Name)!["requests"]!.AsArray();
            var actual = emulator.Requests.Where(r => !r.Path.EndsWith("/oauth/access_token", StringComparison.Ordinal)).ToList();
            Assert.That(shown, Has.Count.EqualTo(actual.Count).And.Count.GreaterThan(0), emulator.Name);
            for (var i = 0; i < actual.Count; i++)
            {
                var (request, previewed) = (actual[i], shown[i]!);
                var url = new Uri((string)previewed["url"]!);
                var headers = previewed["headers"]!.AsArray().ToDictionary(h => (string)h!["name"]!, h => (string)h!["value"]!);
                Assert.Multiple(() =>
                {
                    Assert.That((string?)previewed["method"], Is.EqualTo(request.Method), emulator.Name);
                    Assert.That(url.AbsolutePath, Is.EqualTo(emulator.Address.AbsolutePath + request.RawPath), emulator.Name);
                    Assert.That(url.Query.TrimStart('?'), Is.EqualTo(string.Join('&', request.Query.Select(q => q.Key + "=" + Uri.EscapeDataString(q.Value)))), emulator.Name);
                    Assert.That((string?)previewed["body"], Is.EqualTo(Mask(request.Body)), $"{emulator.Name}: the same bytes, secrets masked");
                    foreach (var (name, value) in headers.Where(h => h.Key is not ("Host" or "Content-Length")))
                    {
                        Assert.That(value, Is.EqualTo(MaskHeader(name, request.Headers[name])), $"{emulator.Name} {name}");
                    }
                });
            }
        }

        AssertNoSecret(preview.Out + preview.Error + sent.Out + sent.Error);
    }

    [Test]
    public async Task The_readable_preview_pretty_prints_bodies_and_names_skips_and_notes()
    {
        var file = Cli.Write("p.json", """{"orderId":"P-1","currency":"USD","occurredAt":"2026-11-29T12:00:00Z","customer":{"email":"ann@example.com"},"lines":[{"name":"Canoe","unitPrice":49}]}""");

        var result = await Cli.RunAsync("preview", file, "--sandbox", "--provider", "Kit", "--provider", "Scout", "--provider", "ElasticPath");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Out, Does.Contain("Kit: 1 request"));
            Assert.That(result.Out, Does.Contain($"POST {Sandbox.Kit.Address}/v4/purchases\n"), "the URL on one line");
            Assert.That(result.Out, Does.Contain("Authorization: Bearer ***"));
            Assert.That(result.Out, Does.Contain("{\n  \"purchase\": {\n    \"email_address\": \"ann@example.com\","), "the body indented");
            Assert.That(result.Out, Does.Not.Contain("Drip"), "--provider limits the preview");
            AssertNoSecret(result.Out);
        });

        // Without contexts (and, here, without --sandbox adding them) Scout and Elastic Path say why they would skip.
        Cli.Environment["PurchaseSdk__Kit__AccessToken"] = "kit-token-not-to-print";
        Cli.Environment["PurchaseSdk__Scout__ApiKey"] = "scout-key-not-to-print";
        var skipped = await Cli.RunAsync("preview", file, "--provider", "Scout", "--provider", "Kit");
        Assert.Multiple(() =>
        {
            Assert.That(skipped.ExitCode, Is.Zero, skipped.ToString());
            Assert.That(skipped.Out, Does.Contain("Scout: skipped").And.Contain("ScoutUserContext"));
            Assert.That(skipped.Out, Does.Contain("POST https://api.kit.com/v4/purchases"));
            Assert.That(skipped.Out + skipped.Error, Does.Not.Contain("kit-token-not-to-print").And.Not.Contain("scout-key-not-to-print"));
        });
    }

    private string? Mask(string? body) => body?.Replace(Sandbox.Credentials.ScoutUserAccessToken, "***", StringComparison.Ordinal);

    private static string MaskHeader(string name, string value) => name.ToLowerInvariant() switch
    {
        "authorization" => value[..value.IndexOf(' ', StringComparison.Ordinal)] + " ***",
        "x-api-key" => "***",
        _ => value,
    };

    private void AssertNoSecret(string text)
    {
        var c = Sandbox.Credentials;
        foreach (var secret in new[] { c.KitAccessToken, c.ScoutApiKey, c.ScoutUserAccessToken, c.RundlAccessToken, c.DripApiKey, c.ElasticPathClientSecret })
        {
            Assert.That(text, Does.Not.Contain(secret));
        }
    }
}
