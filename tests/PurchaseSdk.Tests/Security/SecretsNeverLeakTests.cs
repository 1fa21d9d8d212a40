using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;
using PurchaseSdk.Testing;
using PurchaseSdk.Tests.Support;
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
    private const string KitToken = "SNTL-kit-token-1f9e";
    private const string ScoutKey = "SNTL-scout-key-2a8d";
    private const string ScoutUserToken = "SNTL-scout-user-3b7c";
    private const string RundlToken = "SNTL-rundl-token-4c6b";
    private const string RundlPaymentToken = "SNTL-rundl-pay-8a27";
    private const string DripKey = "SNTL-drip-key-5d5a";
    private const string ElasticPathSecret = "SNTL-ep-secret-6e49";
    private const string ElasticPathMemberToken = "SNTL-ep-member-7f38";
    private const string ElasticPathAccessToken = "SNTL-ep-access-9b16";

    private static readonly string[] Sentinels =
    [
        KitToken, ScoutKey, ScoutUserToken, RundlToken, RundlPaymentToken, DripKey, ElasticPathSecret, ElasticPathMemberToken, ElasticPathAccessToken,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(DripKey + ":")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(RundlToken)),
    ];

    private static IPurchaseSdkBuilder AddAllProviders(IPurchaseSdkBuilder sdk, Uri address, bool base64Rundl = false)
    {
        static void Resilience(PurchaseSdk.Http.PurchaseProviderOptions o)
        {
            Sdk.UseTestResilience(o);
            o.Resilience.CircuitBreaker.MinimumThroughput = 4;
        }

        return sdk
            .AddKit(o => { Resilience(o); o.BaseAddress = address; o.AccessToken = KitToken; })
            .AddScout(o => { Resilience(o); o.BaseAddress = address; o.ApiAddress = address; o.ApiKey = ScoutKey; })
            .AddRundl(o => { Resilience(o); o.BaseAddress = new Uri(address, "api"); o.AccessToken = RundlToken; o.TokenEncoding = base64Rundl ? RundlTokenEncoding.Base64 : RundlTokenEncoding.Plain; })
            .AddDrip(o => { Resilience(o); o.BaseAddress = address; o.AccountId = "9999999"; o.ApiKey = DripKey; })
            .AddElasticPath(o => { Resilience(o); o.BaseAddress = address; o.ClientId = "ep-client"; o.ClientSecret = ElasticPathSecret; });
    }

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

    /// <summary>Everything text-like that leaves the SDK for a report.</summary>
    private static IEnumerable<string> Surfaces(PurchaseReport report)
    {
        yield return report.ToString();
        foreach (var outcome in report.Outcomes)
        {
            yield return outcome.ToString();
            yield return outcome.Message ?? string.Empty;
            if (outcome.Error is { } error)
            {
                yield return error.ToString();
                for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
                {
                    yield return inner.ToString();
                }
            }

            if (outcome.Error is ProviderRequestException request)
            {
                yield return request.ResponseExcerpt ?? string.Empty;
                yield return request.ErrorCode ?? string.Empty;
                foreach (var message in request.ProviderMessages)
                {
                    yield return message;
                }
            }
        }

        if (!report.Succeeded)
        {
            yield return Assert.Throws<PurchaseReportException>(() => report.EnsureSuccess())!.ToString();
        }
    }

    private static void AssertNoSentinel(IEnumerable<string> surfaces, string scenario)
    {
        var leaks = surfaces.SelectMany(text => Sentinels.Where(text.Contains).Select(secret => $"{secret} in: {Clip(text)}")).ToList();
        Assert.That(leaks, Is.Empty, scenario);
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static IEnumerable<string> Logs(IServiceProvider services) =>
        services.GetFakeLogCollector().GetSnapshot().SelectMany(record => new[]
        {
            record.Message,
            record.Exception?.ToString() ?? string.Empty,
            record.Category + ": " + string.Join(";", record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []),
        });

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
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"access_token":"{{ElasticPathAccessToken}}","expires_in":3600,"token_type":"Bearer"}"""));
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
        await using var services = Build(clock, sdk => AddAllProviders(sdk, new Uri(echo.Url! + "/"), base64Rundl: status == 403));


        var account = await clock.RunAsync(services.GetRequiredService<IPurchaseReporter>().ReportAsync(PurchaseWithSecretContexts(memberCheckout: false)));
        var member = await clock.RunAsync(services.GetRequiredService<IPurchaseReporter>().ReportAsync(PurchaseWithSecretContexts(memberCheckout: true)));
        // A read is retried on a 500, with backoff on the test clock: run it under the clock.
        var direct = Assert.ThrowsAsync<ProviderRequestException>(() => clock.RunAsync(services.GetRequiredService<IScoutOAuthApi>().GetUserInfoAsync(ScoutUserToken)));

        Assert.That(account.Outcomes.Select(o => o.Status), Has.None.EqualTo(ProviderOutcomeStatus.Succeeded), "every provider went down a failure path");
        AssertNoSentinel([.. Surfaces(account), .. Surfaces(member), (await direct)!.ToString(), .. Logs(services), .. telemetry.Values], $"echoed {status}");
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
                KitAccessToken = KitToken, ScoutApiKey = ScoutKey, ScoutUserAccessToken = ScoutUserToken, RundlAccessToken = RundlToken,
                DripApiKey = DripKey, ElasticPathClientSecret = ElasticPathSecret,
            },
        });
        using var telemetry = new TelemetryCapture();
        await using var services = Build(clock, sdk => AddAllProviders(sdk, sandbox.Url, base64Rundl: false).UsePurchaseSandbox(sandbox));
        var reporter = services.GetRequiredService<IPurchaseReporter>();
        var purchase = PurchaseWithSecretContexts(memberCheckout: false);
        purchase.Contexts.Add(sandbox.ScoutUser());
        var reports = new List<PurchaseReport>();

        sandbox.Kit.FailNext(1, SandboxFault.DropConnection());
        sandbox.Scout.FailNext(1, SandboxFault.MalformedAnswer());
        sandbox.Rundl.FailNext(1, SandboxFault.HtmlErrorPage(504));
        sandbox.Drip.FailNext(1, SandboxFault.TooManyRequests(TimeSpan.FromHours(5)));
        sandbox.ElasticPath.FailNext(1, SandboxFault.AcceptThenFail(null));
        reports.Add(await clock.RunAsync(reporter.ReportAsync(purchase)));

        foreach (var provider in sandbox.Providers)
        {
            provider.FailNext(20, SandboxFault.Status(503));
        }

        for (var i = 0; i < 3; i++)
        {
            reports.Add(await clock.RunAsync(reporter.ReportAsync(purchase)));
        }

        Assert.That(reports[^1].Outcomes.Select(o => o.Message), Has.Some.Contains("circuit breaker is open"));
        AssertNoSentinel([.. reports.SelectMany(Surfaces), .. Logs(services), .. telemetry.Values], "sandbox faults");
    }
}
