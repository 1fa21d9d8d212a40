using PurchaseSdk.ElasticPath;

namespace PurchaseSdk.Tests.Misbehaving;

/// <summary>
/// Issue #10, defect 11: an Elastic Path token whose <c>expires_in</c> is not longer than <c>TokenRenewalMargin</c>
/// (60 s) cannot be renewed "before expiry"; it is used until it actually expires. 32 concurrent checkouts then
/// make exactly one token request (never more than one in flight), and a new token is asked for only once the
/// first has expired.
/// </summary>
public sealed class ShortLivedTokenTests : MisbehavingTest
{

    private static ElasticPathCheckoutRequest Request => new()
    {
        Data = new ElasticPathCheckout { Contact = new ElasticPathContact { Name = "John Doe", Email = "johndoe@email.com" } },
    };

    [TestCase(30)]
    [TestCase(60)]
    public async Task Thirty_two_concurrent_checkouts_share_one_short_lived_token(int expiresIn)
    {
        var firstToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.On("POST", Routes.ElasticPathToken,
            Reply.After(firstToken.Task, Reply.Status(200, Answers.ElasticPathToken("ep-token-1", expiresIn))),
            Reply.Status(200, Answers.ElasticPathToken("ep-token-2", expiresIn)));
        Server.On("POST", Routes.ElasticPathCheckout, Reply.Status(201, Answers.ElasticPathOrder()));
        var sdk = Track(LoopbackSdk.Build<ElasticPathOptions>(Server.Url, Clock));
        var api = sdk.GetRequiredService<IElasticPathApi>();

        var checkouts = Enumerable.Range(0, 32).Select(_ => api.CheckoutAsync("cart-1", Request)).ToArray();
        await Within(Server.Arrival("POST", Routes.ElasticPathToken), "no token request arrived");
        firstToken.SetResult();
        await Completes(Task.WhenAll(checkouts), "the 32 checkouts did not end");

        Assert.Multiple(() =>
        {
            Assert.That(checkouts.Where(c => !c.IsCompletedSuccessfully).Select(c => c.Exception?.GetBaseException().Message), Is.Empty);
            Assert.That(Server.CountOf("POST", Routes.ElasticPathToken), Is.EqualTo(1), $"a token of {expiresIn} s (margin 60 s) was asked for again by every caller");
            Assert.That(Server.RequestsTo("POST", Routes.ElasticPathCheckout).Select(r => r.Header("Authorization")), Is.EqualTo(Enumerable.Repeat("Bearer ep-token-1", 32)));
        });

        Clock.Advance(TimeSpan.FromSeconds(expiresIn + 1));
        await Within(api.CheckoutAsync("cart-1", Request), "the checkout after expiry did not end");

        Assert.Multiple(() =>
        {
            Assert.That(Server.CountOf("POST", Routes.ElasticPathToken), Is.EqualTo(2), "an expired token is renewed");
            Assert.That(Server.RequestsTo("POST", Routes.ElasticPathCheckout)[^1].Header("Authorization"), Is.EqualTo("Bearer ep-token-2"));
        });
    }
}
