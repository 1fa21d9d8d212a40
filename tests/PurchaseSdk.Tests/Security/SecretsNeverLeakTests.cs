using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;
using PurchaseSdk.Testing;
using PurchaseSdk.Tests.Reliability;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Security;

/// <summary>
/// Every provider registered with sentinel secrets, driven down every failure path, including providers that echo
/// the whole request back: no sentinel (nor its base64 form) appears in an exception message, a ToString(), a log
/// line or a telemetry tag.
/// </summary>
public sealed class SecretsNeverLeakTests
{
    private const string ScoutUserToken = "SNTL-scout-user-3b7c";
    private const string RundlPaymentToken = "SNTL-rundl-pay-8a27";
    private const string ElasticPathMemberToken = "SNTL-ep-member-7f38";
    private const string ElasticPathAccessToken = "SNTL-ep-access-9b16";

    /// <summary>Every provider's configured secret (<see cref="TestCredentials"/>), the secrets a purchase carries, and the base64 forms that travel.</summary>
    private static readonly string[] Sentinels =
    [
        .. TestCredentials.Secrets, ScoutUserToken, RundlPaymentToken, ElasticPathMemberToken, ElasticPathAccessToken,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(TestCredentials.DripKey + ":")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(TestCredentials.RundlToken)),
    ];

    /// <summary>Every provider of the table, pointed at <paramref name="address"/> with the <see cref="TestCredentials"/>.</summary>
    private static IPurchaseSdkBuilder AddAllProviders(IPurchaseSdkBuilder sdk, Uri address, bool base64Rundl = false) =>
        ProviderCase.AddEvery(sdk, o =>
        {
            Sdk.UseTestResilience(o);
            o.Resilience.CircuitBreaker.MinimumThroughput = 4;
            ProviderCase.Of(o).PointAt(o, address);
            if (o is RundlOptions rundl)
            {
                rundl.TokenEncoding = base64Rundl ? RundlTokenEncoding.Base64 : RundlTokenEncoding.Plain;
            }
        });

    private static Purchase PurchaseWithSecretContexts(bool memberCheckout)
    {
        var purchase = new Purchase
        {
            OrderId = "secret-order",
            Customer = new Customer { Name = "Ada", Email = "ada@example.com" },
            Currency = "USD",
            Lines = [new PurchaseLine { Name = "Canoe", UnitPrice = 49m }],
            Contexts =
            {
                new ScoutUserContext(1, ScoutUserToken),
                new RundlCheckoutContext { AccountId = 1, ServiceId = 2, ProductId = 3, PaymentToken = RundlPaymentToken },
                memberCheckout
                    ? new ElasticPathCheckoutContext { CartReference = "cart-1", AccountManagementToken = ElasticPathMemberToken }
                    : new ElasticPathCheckoutContext { CartReference = "cart-1", AccountId = "acc-1" },
            },
        };
        return purchase;
    }

    private static void AssertNoSentinel(IEnumerable<string> surfaces, string scenario) => LeakSurfaces.AssertNoSecret(surfaces, Sentinels, scenario);

    private static ServiceProvider Build(TestClock clock, Action<IPurchaseSdkBuilder> add) =>
        Sdk.Build(clock, add, services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging()));

    [TestCase(401)]
    [TestCase(403)]
    [TestCase(422)]
    [TestCase(500)]
    [TestCase(502)]
    public async Task Providers_that_echo_the_whole_request_back_leak_no_secret(int status)
    {
        using var echo = WireMockServer.Start();
        // Elastic Path gets a token (itself a sentinel), so its checkout is echoed too.
        echo.Given(Request.Create().WithPath("/oauth/access_token").UsingPost()).AtPriority(1)
            .RespondWith(Respond.Json(200, $$"""{"access_token":"{{ElasticPathAccessToken}}","expires_in":3600,"token_type":"Bearer"}"""));
        echo.Given(Request.Create().UsingAnyMethod()).AtPriority(10).RespondWith(Response.Create().WithCallback(request =>
        {
            var dump = $"{request.Method} {request.AbsoluteUrl} {string.Join(" ", request.Headers!.Select(h => h.Key + ": " + string.Join(",", h.Value)))} {request.Body}";
            var message = new WireMock.ResponseMessage { StatusCode = status };
            message.BodyData = new WireMock.Util.BodyData
            {
                DetectedBodyType = WireMock.Types.BodyType.String,
                BodyAsString = status == 502
                    ? "<html><body>" + dump + "</body></html>"
                    : new JsonObject { ["success"] = false, ["errors"] = new JsonArray(dump), ["message"] = dump, ["error"] = "invalid_grant", ["error_description"] = dump }.ToJsonString(),
            };
            return message;
        }));
        var clock = new TestClock();
        using var telemetry = new TelemetryCapture();
        await using var services = Build(clock, sdk => AddAllProviders(sdk, echo.Uri(), base64Rundl: status == 403));

        var account = await services.ReportAsync(clock, PurchaseWithSecretContexts(memberCheckout: false));
        var member = await services.ReportAsync(clock, PurchaseWithSecretContexts(memberCheckout: true));
        // A read is retried on a 500, with backoff on the test clock: run it under the clock.
        var direct = Assert.ThrowsAsync<ProviderRequestException>(() => clock.RunAsync(services.GetRequiredService<IScoutOAuthApi>().GetUserInfoAsync(ScoutUserToken)));

        Assert.That(account.Outcomes.Select(o => o.Status), Has.None.EqualTo(ProviderOutcomeStatus.Succeeded), "every provider went down a failure path");
        AssertNoSentinel([.. LeakSurfaces.Of(account), .. LeakSurfaces.Of(member), (await direct)!.ToString(), .. LeakSurfaces.Logs(services), .. telemetry.Values], $"echoed {status}");
    }

    [Test]
    public async Task Transport_faults_timeouts_unreadable_answers_and_an_open_circuit_leak_no_secret()
    {
        var clock = new TestClock();
        await using var sandbox = PurchaseSandbox.Start(new PurchaseSandboxOptions
        {
            Time = clock,
            Credentials = new SandboxCredentials
            {
                KitAccessToken = TestCredentials.KitToken, ScoutApiKey = TestCredentials.ScoutKey, ScoutUserAccessToken = ScoutUserToken,
                RundlAccessToken = TestCredentials.RundlToken, DripApiKey = TestCredentials.DripKey, ElasticPathClientSecret = TestCredentials.ElasticPathSecret,
            },
        });
        using var telemetry = new TelemetryCapture();
        await using var services = Build(clock, sdk => AddAllProviders(sdk, sandbox.Url, base64Rundl: false).UsePurchaseSandbox(sandbox));
        var purchase = PurchaseWithSecretContexts(memberCheckout: false);
        purchase.Contexts.Add(sandbox.ScoutUser());
        var reports = new List<PurchaseReport>();

        // Each provider down a different path, in the table's order (Scout, Rundl, Kit, Drip, Elastic Path): an unreadable
        // answer, an HTML page, a dropped connection, a spent rate limit, a record stored and then a dropped connection.
        SandboxFault[] faults = [SandboxFault.MalformedAnswer(), SandboxFault.HtmlErrorPage(504), SandboxFault.DropConnection(), SandboxFault.TooManyRequests(TimeSpan.FromHours(5)), SandboxFault.AcceptThenFail(null)];
        for (var i = 0; i < ProviderCase.All.Count; i++)
        {
            ProviderCase.All[i].In(sandbox).FailNext(1, faults[i % faults.Length]);
        }

        reports.Add(await services.ReportAsync(clock, purchase));

        foreach (var provider in sandbox.Providers)
        {
            provider.FailNext(20, SandboxFault.Status(503));
        }

        for (var i = 0; i < 3; i++)
        {
            reports.Add(await services.ReportAsync(clock, purchase));
        }

        Assert.That(reports[^1].Outcomes.Select(o => o.Message), Has.Some.Contains("circuit breaker is open"));
        AssertNoSentinel([.. reports.SelectMany(LeakSurfaces.Of), .. LeakSurfaces.Logs(services), .. telemetry.Values], "sandbox faults");
    }
}
