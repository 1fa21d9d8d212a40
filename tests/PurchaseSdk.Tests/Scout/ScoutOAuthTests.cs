using PurchaseSdk.Scout;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.Scout;

/// <summary>
/// Scout's OAuth helpers on the API host (providers.md §1.1-1.2, from Scout's <c>_oauth.md</c>): the code exchange
/// and the token check, with <c>x-api-key</c>. The ingest host and the API host are configured separately.
/// </summary>
public sealed class ScoutOAuthTests : StubbedTest
{
    /// <summary>The API host; <see cref="StubbedTest.Server"/> is the ingest host.</summary>
    private WireMockServer _api = null!;

    [SetUp]
    public void StartApiHost() => _api = WireMockServer.Start();

    [TearDown]
    public void StopApiHost() => _api.Dispose();

    private ServiceProvider Build() => Sdk.Build<ScoutOptions>(Server, Clock, o => o.ApiAddress = _api.Uri());

    [Test]
    public async Task The_code_exchange_posts_code_and_redirect_uri_to_the_API_host()
    {
        _api.Given(Request.Create().WithPath("/api/v1/oauth/token").UsingPost())
            .RespondWith(Respond.Json(200, """{"success": true, "user": {"id": 1, "access_token": "c9e035bef74b804483b7e306", "scopes": ["checkouts", "username"]}}"""));
        await using var provider = Build();

        var result = await provider.GetRequiredService<IScoutOAuthApi>().ExchangeCodeAsync(new ScoutTokenRequest { Code = "code-1", RedirectUri = "https://shop.example/scout/callback" });

        Assert.Multiple(() =>
        {
            Assert.That(result.Success, Is.True);
            Assert.That(result.User!.Id, Is.EqualTo(1));
            Assert.That(result.User.AccessToken, Is.EqualTo("c9e035bef74b804483b7e306"));
            Assert.That(result.User.Scopes, Is.EqualTo(new[] { "checkouts", "username" }));
            Assert.That(Server.Requests(), Is.Empty, "nothing goes to the ingest host");
        });
        WireAssert.Sent(_api.Requests().Single(), "POST", "/api/v1/oauth/token", """{"code":"code-1","redirect_uri":"https://shop.example/scout/callback"}""",
            [("x-api-key", Is.EqualTo(TestCredentials.ScoutKey)), ("Content-Type", Does.StartWith("application/json"))]);
    }

    [Test]
    public async Task The_token_check_sends_the_token_as_a_query_parameter()
    {
        _api.Given(Request.Create().WithPath("/api/v1/oauth/info").WithParam("access_token", "tok 1+2").UsingGet())
            .RespondWith(Respond.Json(200, """{"success": true, "user": {"id": 1, "username": "shrey"}}"""));
        await using var provider = Build();

        var result = await provider.GetRequiredService<IScoutOAuthApi>().GetUserInfoAsync("tok 1+2");

        Assert.Multiple(() =>
        {
            Assert.That(result.User!.Username, Is.EqualTo("shrey"));
            Assert.That(_api.Requests().Single().RawQuery, Is.EqualTo("?access_token=tok%201%2B2"));
        });
    }

    [Test]
    public async Task A_refused_token_check_throws_without_showing_the_token()
    {
        _api.Given(Request.Create().WithPath("/api/v1/oauth/info").UsingGet())
            .RespondWith(Respond.Json(403, """{"success": false, "message": "Incorrect API key or incorrect access_token"}"""));
        await using var provider = Build();

        var error = (await Assert.ThrowsAsync<ProviderRequestException>(() => provider.GetRequiredService<IScoutOAuthApi>().GetUserInfoAsync("revoked-token-123")))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Provider, Is.EqualTo("Scout"));
            Assert.That(error.ToString(), Does.Not.Contain("revoked-token-123").And.Not.Contain(TestCredentials.ScoutKey));
        });
    }
}
