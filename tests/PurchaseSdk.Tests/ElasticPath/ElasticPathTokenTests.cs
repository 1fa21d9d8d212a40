using PurchaseSdk.ElasticPath;
using WireMock.ResponseBuilders;

namespace PurchaseSdk.Tests.ElasticPath;

/// <summary>
/// Elastic Path's token handling (providers.md §5.2): form-encoded <c>POST /oauth/access_token</c>, one token shared by
/// concurrent callers, renewal shortly before expiry, and one renewal after a 401.
/// </summary>
public sealed class ElasticPathTokenTests : StubbedTest
{
    private static ElasticPathCheckoutRequest Checkout => new()
    {
        Data = new ElasticPathCheckout { Contact = new ElasticPathContact { Name = "John Doe", Email = "johndoe@email.com" } },
    };

    private WireMock.IRequestMessage[] TokenRequests() => [.. Server.Requests().Where(r => r.Path == "/oauth/access_token")];

    [Test]
    public async Task The_client_credentials_token_request_is_form_encoded_and_carries_no_bearer()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        ElasticPathStubs.CheckoutAnswers(Server);
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock);

        await provider.GetRequiredService<IElasticPathApi>().CheckoutAsync(ElasticPathStubs.CartReference, Checkout);

        var token = TokenRequests().Single();
        Assert.Multiple(() =>
        {
            Assert.That(token.Method, Is.EqualTo("POST"));
            Assert.That(token.Header("Content-Type"), Does.StartWith("application/x-www-form-urlencoded"));
            Assert.That(token.Body, Is.EqualTo($"grant_type=client_credentials&client_id={TestCredentials.ElasticPathClientId}&client_secret={TestCredentials.ElasticPathSecret}"));
            Assert.That(token.Headers!.ContainsKey("Authorization"), Is.False);
        });
    }

    [Test]
    public async Task The_implicit_grant_sends_the_client_id_alone()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        ElasticPathStubs.CheckoutAnswers(Server);
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock, o =>
        {
            o.GrantType = ElasticPathGrantType.Implicit;
            o.ClientSecret = null;
        });

        await provider.GetRequiredService<IElasticPathApi>().CheckoutAsync(ElasticPathStubs.CartReference, Checkout, accountManagementToken: "member-token");

        Assert.That(TokenRequests().Single().Body, Is.EqualTo($"grant_type=implicit&client_id={TestCredentials.ElasticPathClientId}"));
    }

    [Test]
    public async Task Fifty_concurrent_checkouts_share_one_token_request()
    {
        Server.Given(ElasticPathStubs.TokenRequest).RespondWith(Respond.Json(200, ElasticPathStubs.Token("ep-token-1")).WithDelay(TimeSpan.FromMilliseconds(50)));
        ElasticPathStubs.CheckoutAnswers(Server);
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock);
        var api = provider.GetRequiredService<IElasticPathApi>();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.CheckoutAsync(ElasticPathStubs.CartReference, Checkout)));

        Assert.Multiple(() =>
        {
            Assert.That(TokenRequests(), Has.Length.EqualTo(1));
            Assert.That(Server.Requests().Count(r => r.Path.EndsWith("/checkout", StringComparison.Ordinal)), Is.EqualTo(50));
        });
    }

    [Test]
    public async Task A_token_is_renewed_shortly_before_it_expires()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1", "ep-token-2");
        ElasticPathStubs.CheckoutAnswers(Server);
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock);
        var api = provider.GetRequiredService<IElasticPathApi>();

        await api.CheckoutAsync(ElasticPathStubs.CartReference, Checkout);
        Clock.Advance(TimeSpan.FromSeconds(3600 - 61));
        await api.CheckoutAsync(ElasticPathStubs.CartReference, Checkout);
        Clock.Advance(TimeSpan.FromSeconds(2));
        await api.CheckoutAsync(ElasticPathStubs.CartReference, Checkout);

        var bearers = Server.Requests().Where(r => r.Path.EndsWith("/checkout", StringComparison.Ordinal)).Select(r => r.Header("Authorization"));
        Assert.Multiple(() =>
        {
            Assert.That(TokenRequests(), Has.Length.EqualTo(2));
            Assert.That(bearers, Is.EqualTo(new[] { "Bearer ep-token-1", "Bearer ep-token-1", "Bearer ep-token-2" }), "renewed within the 60 s margin");
        });
    }

    [Test]
    public async Task A_401_renews_the_token_once_and_repeats_the_checkout()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1", "ep-token-2");
        Server.Given(ElasticPathStubs.CheckoutRequest.WithHeader("Authorization", "Bearer ep-token-1"))
            .RespondWith(Respond.Json(401, """{"errors":[{"status":401,"title":"Unable to validate access token"}]}"""));
        Server.Given(ElasticPathStubs.CheckoutRequest.WithHeader("Authorization", "Bearer ep-token-2"))
            .RespondWith(Respond.Seed(201, "ElasticPath/checkout.response.json"));
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock);

        var outcome = await provider.ReportAsync(Clock, ElasticPathStubs.AccountPurchase(), "ElasticPath");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(TokenRequests(), Has.Length.EqualTo(2));
            Assert.That(Server.Requests().Count(r => r.Path.EndsWith("/checkout", StringComparison.Ordinal)), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_second_401_is_not_renewed_again_and_fails_without_showing_secrets()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1", "ep-token-2");
        Server.Given(ElasticPathStubs.CheckoutRequest)
            .RespondWith(Respond.Json(401, """{"errors":[{"status":401,"title":"Unable to validate access token"}]}"""));
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock);

        var outcome = await provider.ReportAsync(Clock, ElasticPathStubs.AccountPurchase(), "ElasticPath");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Message, Does.Contain("Unable to validate access token"));
            Assert.That(Server.Requests().Count(r => r.Path.EndsWith("/checkout", StringComparison.Ordinal)), Is.EqualTo(2));
            Assert.That(outcome.Error!.ToString(), Does.Not.Contain("ep-token-2").And.Not.Contain(TestCredentials.ElasticPathSecret));
        });
    }

    [Test]
    public async Task A_refused_token_request_fails_the_provider_without_showing_the_secret()
    {
        Server.Given(ElasticPathStubs.TokenRequest).RespondWith(Respond.Json(401, $$"""{"errors":[{"status":401,"title":"Unauthorized","detail":"invalid client_secret {{TestCredentials.ElasticPathSecret}}"}]}"""));
        ElasticPathStubs.CheckoutAnswers(Server);
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock);

        var outcome = await provider.ReportAsync(Clock, ElasticPathStubs.AccountPurchase(), "ElasticPath");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(outcome.Message, Does.Contain("invalid client_secret ***"));
            Assert.That(outcome.Error!.ToString(), Does.Not.Contain(TestCredentials.ElasticPathSecret));
            Assert.That(Server.Requests().Any(r => r.Path.EndsWith("/checkout", StringComparison.Ordinal)), Is.False);
        });
    }
}

/// <summary>Elastic Path's 429 (providers.md §5.4): JSON:API errors and no Retry-After or rate-limit headers.</summary>
public sealed class ElasticPathRateLimitTests : StubbedTest
{
    [Test]
    public async Task A_429_without_headers_is_retried_with_backoff_and_an_HTTP_date_Retry_After_is_waited()
    {
        ElasticPathStubs.IssueTokens(Server, "ep-token-1");
        const string TooMany = """{"errors":[{"status":429,"title":"Too Many Requests"}]}""";
        Server.AnswerInTurn(
            ElasticPathStubs.CheckoutRequest,
            Respond.Json(429, TooMany),
            Respond.Json(429, TooMany).WithHeader("Retry-After", Clock.GetUtcNow().AddSeconds(30).ToString("r", System.Globalization.CultureInfo.InvariantCulture)),
            Respond.Seed(201, "ElasticPath/checkout.response.json"));
        await using var provider = Sdk.Build<ElasticPathOptions>(Server, Clock);

        var outcome = await provider.ReportAsync(Clock, ElasticPathStubs.AccountPurchase(), "ElasticPath");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(3));
            Assert.That(Clock.Waited[0], Is.InRange(TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25)), "no header: exponential backoff");
            Assert.That(Clock.Waited[0] + Clock.Waited[1], Is.EqualTo(TimeSpan.FromSeconds(30)), "the HTTP-date is absolute: the second wait ends exactly at it");
        });
    }
}
