using Microsoft.Extensions.Options;
using PurchaseSdk.Kit;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;

namespace PurchaseSdk.Tests.Misbehaving.SocketPath;

/// <summary>
/// Issue #10, defect 4: a failure before any byte of the request was sent is <i>not processed</i>: Failed (never
/// Indeterminate), <see cref="ProviderFailureKind.NotProcessed"/>, and retried per policy. Three ways to get there:
/// a TCP connection that never completes, a credential that cannot go into a header, and a Kit refresh callback that
/// throws.
/// </summary>
public sealed class NothingSentTests : MisbehavingTest
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    [Test]
    public async Task A_connection_that_never_completes_is_not_processed_and_retried_per_policy()
    {
        using var nowhere = new UnconnectableEndpoint();
        var sdk = Track(LoopbackSdk.Build<KitOptions>(nowhere.Url, Clock, o =>
        {
            Timeouts(o, AttemptTimeout, TimeSpan.FromSeconds(60));
            o.Resilience.MaxRetries = 2;
        }));
        using var probe = new HttpClientProbe(nowhere.EndPoint.Port);
        var report = sdk.ReportAsync(Clock, Purchases.KitSeed());
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            // Each attempt hangs in connect (SYN_SENT) until its timeout, which only this clock moves.
            await Within(Task.WhenAny(probe.RequestStarted(attempt), report), $"attempt {attempt} never reached the socket handler");
            if (report.IsCompleted)
            {
                break;
            }

            Clock.Advance(AttemptTimeout);
        }

        var outcome = (await Within(report, "ReportAsync did not end after three attempt timeouts of a connection that never completed")).Of("Kit");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed), Describe(outcome));
            Assert.That((outcome.Error as ProviderRequestException)?.FailureKind, Is.EqualTo(ProviderFailureKind.NotProcessed), Describe(outcome));
            Assert.That(probe.Started, Is.EqualTo(3), "1 + MaxRetries (2) attempts: nothing was sent, so it is retried");
        });
    }

    private static IEnumerable<TestCaseData> HeaderUnsafeCredentials()
    {
        foreach (var (label, bad) in new[] { ("non-ASCII", "tøken-0123456789"), ("NUL", "tok\0en-0123456789") })
        {
            yield return new TestCaseData("Kit", "PurchaseSdk:Kit:AccessToken", bad).SetName($"Kit access token with {label}");
            yield return new TestCaseData("Scout", "PurchaseSdk:Scout:ApiKey", bad).SetName($"Scout API key with {label}");
            yield return new TestCaseData("Rundl", "PurchaseSdk:Rundl:AccessToken", bad).SetName($"Rundl access token with {label}");
        }
    }

    [TestCaseSource(nameof(HeaderUnsafeCredentials))]
    public async Task A_credential_that_cannot_go_into_a_header_is_refused_at_start_up_or_not_processed(string provider, string key, string credential)
    {
        Server.On("POST", Routes.KitPurchases, Reply.Status(201, Answers.KitCreated));
        Server.On("POST", Routes.ScoutIngest, Reply.Status(200, Answers.ScoutAccepted));
        Server.On("POST", Routes.RundlCheckouts, Reply.Status(201, Answers.RundlCreated));
        var (sdk, purchase) = provider switch
        {
            "Kit" => (LoopbackSdk.Build<KitOptions>(Server.Url, Clock, o => o.AccessToken = credential), Purchases.KitSeed()),
            "Scout" => (LoopbackSdk.Build<ScoutOptions>(Server.Url, Clock, o => o.ApiKey = credential), Purchases.ScoutSeed()),
            // Plain: the token goes into the header as is (Base64, the default, makes any token header-safe).
            _ => (LoopbackSdk.Build<RundlOptions>(Server.Url, Clock, o => { o.AccessToken = credential; o.TokenEncoding = RundlTokenEncoding.Plain; }), Purchases.RundlSeed()),
        };
        Track(sdk);

        try
        {
            // What a host does when it starts (ValidateOnStart).
            sdk.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException refused)
        {
            Assert.Multiple(() =>
            {
                Assert.That(refused.Message, Does.Contain(key), "a start-up refusal names the configuration key");
                Assert.That(refused.Message, Does.Not.Contain(credential), "and never echoes the value");
            });
            return;
        }

        var outcome = await ReportAsync(sdk, purchase, provider);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed), Describe(outcome));
            Assert.That((outcome.Error as ProviderRequestException)?.FailureKind, Is.EqualTo(ProviderFailureKind.NotProcessed), Describe(outcome));
            Assert.That(Server.Requests, Is.Empty, "a header that cannot be written means nothing was sent");
        });
    }

    [Test]
    public async Task A_Kit_refresh_callback_that_throws_is_not_processed_and_retried_per_policy()
    {
        var calls = 0;
        Server.On("POST", Routes.KitPurchases, Reply.Status(201, Answers.KitCreated));
        var sdk = Track(LoopbackSdk.Build<KitOptions>(Server.Url, Clock, o =>
        {
            o.AccessToken = null;
            o.Resilience.MaxRetries = 2;
            o.RefreshAccessToken = _ =>
            {
                Interlocked.Increment(ref calls);
                throw new InvalidOperationException("The token vault is unreachable.");
            };
        }));

        var outcome = await ReportAsync(sdk, Purchases.KitSeed(), "Kit");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed), Describe(outcome));
            Assert.That((outcome.Error as ProviderRequestException)?.FailureKind, Is.EqualTo(ProviderFailureKind.NotProcessed), Describe(outcome));
            Assert.That(Server.Requests, Is.Empty);
            Assert.That(calls, Is.EqualTo(3), "1 + MaxRetries (2): a failure before sending is retried");
        });
    }
}
