using System.Net;
using PurchaseSdk.Kit;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Kit;

/// <summary>
/// Kit's failure answers (providers.md §3.2, §3.5, §3.6): <c>{"errors":[...]}</c> bodies, the plain-text 429
/// <c>Retry later</c> without Retry-After, the expired-token 401, and what the shared pipeline retries.
/// </summary>
public sealed class KitFailureTests : StubbedTest
{
    private static IRequestBuilder CreatePurchase => KitStubs.CreatePurchase;

    private Task<ProviderOutcome> ReportAsync(ServiceProvider provider) => provider.ReportAsync(Clock, Purchases.KitSeed(), "Kit");

    /// <summary>Reports Kit's seed purchase once through a fresh SDK (<paramref name="configure"/> on Kit's options): Kit's outcome.</summary>
    private async Task<ProviderOutcome> ReportOnceAsync(Action<KitOptions>? configure = null)
    {
        await using var provider = Sdk.Build(Server, Clock, configure);
        return await ReportAsync(provider);
    }

    /// <summary>Kit answers every create with <paramref name="answer"/>; <see cref="ReportOnceAsync"/>.</summary>
    private Task<ProviderOutcome> ReportAnsweredAsync(IResponseBuilder answer, Action<KitOptions>? configure = null)
    {
        Server.Given(CreatePurchase).RespondWith(answer);
        return ReportOnceAsync(configure);
    }

    [Test]
    public async Task A_503_then_a_201_records_one_purchase_in_two_attempts()
    {
        Server.AnswerInTurn(CreatePurchase, Respond.Json(503, """{"errors":["Service unavailable"]}"""), KitStubs.Created);

        var outcome = await ReportOnceAsync();

        var requests = Server.Requests();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(2));
            Assert.That(outcome.ProviderReference, Is.EqualTo("1336"));
            Assert.That(requests, Has.Count.EqualTo(2));
            Assert.That(requests[1].Body, Is.EqualTo(requests[0].Body), "the retry re-sends the same body");
            Assert.That(Clock.Waited.Single(), Is.InRange(TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25)), "first backoff is BaseDelay with ±25% jitter");
        });
    }

    [Test]
    public async Task A_400_is_sent_exactly_once()
    {
        var outcome = await ReportAnsweredAsync(Respond.Json(400, """{"errors":["Bad request"]}"""));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Attempts, Is.EqualTo(1));
            Assert.That(Server.Requests(), Has.Count.EqualTo(1));
            Assert.That(Clock.Waited, Is.Empty);
        });
    }

    [Test]
    public async Task A_422_fails_with_Kit_s_messages_and_is_not_retried()
    {
        var outcome = await ReportAnsweredAsync(Respond.Json(422, """{"errors":["Transaction cannot be blank","Email address is invalid"]}"""));

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Attempts, Is.EqualTo(1));
            Assert.That(error.Provider, Is.EqualTo("Kit"));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(error.FailureKind, Is.EqualTo(ProviderFailureKind.Permanent));
            Assert.That(error.IsTransient, Is.False);
            Assert.That(error.ProviderMessages, Is.EqualTo(new[] { "Transaction cannot be blank", "Email address is invalid" }));
            Assert.That(error.Message, Is.EqualTo("Kit answered 422 (Unprocessable Entity): Transaction cannot be blank. Email address is invalid."));
            Assert.That(outcome.Message, Is.EqualTo(error.Message));
        });
    }

    [Test]
    public async Task An_invalid_token_401_fails_once_and_never_shows_the_token()
    {
        var outcome = await ReportAnsweredAsync(Respond.Json(401, $$"""{"errors":["The access token is invalid"],"echo":"{{TestCredentials.KitToken}}"}"""), o => o.RefreshAccessToken = _ => throw new AssertionException("an invalid token is not refreshed"));

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(error.ProviderMessages, Is.EqualTo(new[] { "The access token is invalid" }));
            Assert.That(Server.Requests(), Has.Count.EqualTo(1));
            Assert.That(error.ToString(), Does.Not.Contain(TestCredentials.KitToken));
            Assert.That(error.ResponseExcerpt, Does.Not.Contain(TestCredentials.KitToken).And.Contain("***"));
        });
    }

    [Test]
    public async Task An_expired_token_is_refreshed_once_and_the_purchase_repeated_with_the_new_token()
    {
        Server.Given(CreatePurchase.WithHeader("Authorization", "Bearer " + TestCredentials.KitToken))
            .RespondWith(Respond.Json(401, """{"errors":["The access token expired"]}"""));
        Server.Given(CreatePurchase.WithHeader("Authorization", "Bearer fresh-token-42"))
            .RespondWith(KitStubs.Created);
        var refreshes = 0;
        await using var provider = Sdk.Build<KitOptions>(Server, Clock, o => o.RefreshAccessToken = _ =>
        {
            Interlocked.Increment(ref refreshes);
            return Task.FromResult("fresh-token-42");
        });

        var first = await ReportAsync(provider);
        var second = await ReportAsync(provider);

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), first.Message);
            Assert.That(first.Attempts, Is.EqualTo(2));
            Assert.That(second.Attempts, Is.EqualTo(1), "the refreshed token is kept for the next call");
            Assert.That(refreshes, Is.EqualTo(1));
            Assert.That(Server.Requests().Select(r => r.Header("Authorization")), Is.EqualTo(new[] { "Bearer " + TestCredentials.KitToken, "Bearer fresh-token-42", "Bearer fresh-token-42" }));
        });
    }

    [Test]
    public async Task An_expired_token_without_a_refresh_callback_fails_with_Kit_s_message()
    {
        var outcome = await ReportAnsweredAsync(Respond.Json(401, """{"errors":["The access token expired"]}"""));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Message, Does.Contain("The access token expired"));
            Assert.That(Server.Requests(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task The_plain_text_429_Retry_later_is_retried_with_backoff_because_Kit_did_not_process_it()
    {
        Server.AnswerInTurn(CreatePurchase, Respond.Text(429, "Retry later"), KitStubs.Created);

        var outcome = await ReportOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(2));
            Assert.That(Clock.Waited.Single(), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.75)));
        });
    }

    [Test]
    public async Task A_429_that_never_ends_fails_after_the_retries_with_Kit_s_plain_text_message()
    {
        var outcome = await ReportAnsweredAsync(Respond.Text(429, "Retry later"), o => o.Resilience.MaxRetries = 2);

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Attempts, Is.EqualTo(3));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(error.FailureKind, Is.EqualTo(ProviderFailureKind.NotProcessed));
            Assert.That(error.ProviderMessages, Is.EqualTo(new[] { "Retry later" }));
            Assert.That(Clock.Waited, Has.Count.EqualTo(2));
            Assert.That(Clock.Waited[1], Is.GreaterThan(Clock.Waited[0]), "backoff grows");
        });
    }

    [Test]
    public async Task A_500_on_a_create_is_not_repeated_and_the_outcome_is_indeterminate()
    {
        var outcome = await ReportAnsweredAsync(Respond.Text(500, "<html><body>" + new string('x', 2000) + "</body></html>", "text/html"));

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate));
            Assert.That(outcome.Attempts, Is.EqualTo(1));
            Assert.That(error.FailureKind, Is.EqualTo(ProviderFailureKind.MaybeProcessed));
            Assert.That(error.ResponseExcerpt, Does.StartWith("<html>").And.EndWith("…(truncated)"));
            Assert.That(error.ResponseExcerpt!.Length, Is.LessThan(300));
            Assert.That(error.Message, Does.Contain("text/html").And.Contain("may have been processed"));
        });
    }

    [Test]
    public async Task A_Retry_After_longer_than_the_cap_fails_at_once_with_RetryAfter_set()
    {
        var outcome = await ReportAnsweredAsync(Respond.Text(429, "Retry later").WithHeader("Retry-After", "3600"));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Attempts, Is.EqualTo(1));
            Assert.That(outcome.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(Clock.Waited, Is.Empty);
        });
    }

    [Test]
    public async Task A_Retry_After_within_the_cap_is_waited_exactly()
    {
        Server.AnswerInTurn(CreatePurchase, Respond.Text(429, "Retry later").WithHeader("Retry-After", "2"), KitStubs.Created);

        var outcome = await ReportOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(Clock.Waited, Is.EqualTo(new[] { TimeSpan.FromSeconds(2) }));
        });
    }

    [Test]
    public async Task A_success_answer_larger_than_the_bound_is_a_clear_maybe_processed_error()
    {
        var huge = "{\"purchase\":{\"id\":1,\"name\":\"" + new string('x', 17 * 1024 * 1024) + "\"}}";

        var outcome = await ReportAnsweredAsync(Respond.Json(201, huge));

        var error = (ProviderRequestException)outcome.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate));
            Assert.That(error.FailureKind, Is.EqualTo(ProviderFailureKind.MaybeProcessed));
            Assert.That(error.InnerException, Is.InstanceOf<HttpRequestException>());
            Assert.That(Server.Requests(), Has.Count.EqualTo(1));
        });
    }
}
