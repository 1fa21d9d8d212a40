using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PurchaseSdk.Kit;
using PurchaseSdk.Tests.Security;

namespace PurchaseSdk.Tests.Misbehaving;

/// <summary>
/// Issue #10, defect 6: a secret must be absent in every form a provider may echo it back: raw, JSON-escaped (a
/// <c>+</c> becomes <c>\u002B</c> with System.Text.Json's default encoder, as ASP.NET Core writes it) and base64. The
/// server echoes Kit's token, taken from the request's Authorization header, in all three forms; none may appear in
/// the excerpt, the messages, any <c>ToString()</c>, the logs or the telemetry.
/// </summary>
public sealed class SecretEncodingsTests : MisbehavingTest
{
    private const string KitToken = "kit+token+sentinel";

    private static readonly string[] Forms =
    [
        KitToken,
        JsonSerializer.Serialize(KitToken).Trim('"'),
        "kit\\u002btoken\\u002bsentinel",
        Convert.ToBase64String(Encoding.UTF8.GetBytes(KitToken)),
    ];

    /// <summary>An answer that quotes the bearer token it received in every form.</summary>
    private static Reply Echo(RecordedRequest request, int status)
    {
        var token = request.Header("Authorization")?.Split(' ', 2)[1] ?? "(none)";
        var escaped = JsonSerializer.Serialize(token);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(token));
        return status switch
        {
            500 => Reply.Status(500, $"<html><body>Bad token {escaped} ({token}, {base64})</body></html>", "text/html"),
            201 => Reply.Status(201, "{\"purchase\":{\"id\":\"not a number\",\"token\":" + escaped + ",\"raw\":\"" + token + "\",\"b64\":\"" + base64 + "\"}}"),
            _ => Reply.Status(status, $$"""{"errors":["The access token {{escaped[1..^1]}} is invalid"],"echo":"{{token}}","b64":"{{base64}}"}"""),
        };
    }

    [TestCase(401)]
    [TestCase(422)]
    [TestCase(500)]
    [TestCase(201)]
    public async Task A_token_echoed_raw_JSON_escaped_and_base64_appears_nowhere(int status)
    {
        Assert.That(Forms[1], Is.EqualTo("kit\\u002Btoken\\u002Bsentinel"), "System.Text.Json escapes +");
        Server.On("POST", Routes.KitPurchases, (request, _) => Echo(request, status));
        using var telemetry = new TelemetryCapture();
        var sdk = Track(LoopbackSdk.Build<KitOptions>(
            Server.Url,
            Clock,
            o => o.AccessToken = KitToken,
            services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging())));

        var report = await Within(sdk.ReportAsync(Clock, Purchases.KitSeed()), "ReportAsync did not end");

        var outcome = report.Of("Kit");
        Assert.That(outcome.Status, Is.Not.EqualTo(ProviderOutcomeStatus.Succeeded), "the echo is a failure path: " + Describe(outcome));
        LeakSurfaces.AssertNoSecret([.. LeakSurfaces.Of(report), .. LeakSurfaces.Logs(sdk), .. telemetry.Values], Forms, $"the token leaked after a {status}");
    }
}
