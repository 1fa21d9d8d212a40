using PurchaseSdk.ElasticPath;
using PurchaseSdk.Tests.Reliability;

namespace PurchaseSdk.Tests.Misbehaving;

/// <summary>
/// Issue #10, defect 2: a 2xx whose body is empty or the JSON <c>null</c> is a success answer that cannot be read. The
/// create may have been processed, so the outcome is Indeterminate (Elastic Path may instead find its order by
/// <c>external_ref</c> and succeed); it is never Failed with a <see cref="NullReferenceException"/>.
/// </summary>
public sealed class EmptySuccessBodyTests : MisbehavingTest
{
    private static Reply Body(string body) => body.Length == 0 ? Reply.Empty(201) : Reply.Status(201, body);

    private static void AssertNoNullReference(ProviderOutcome outcome) =>
        Assert.That(Chain(outcome.Error).OfType<NullReferenceException>(), Is.Empty, Describe(outcome));

    /// <summary>The providers that cannot look a create up, each with its create and a purchase it accepts.</summary>
    private static IEnumerable<TestCaseData> CreatesAnsweredEmpty()
    {
        foreach (var body in new[] { "", "null" })
        {
            yield return Case("Kit", Routes.KitPurchases, Purchases.KitSeed(), body);
            yield return Case("Rundl", Routes.RundlCheckouts, Purchases.RundlSeed(), body);
        }

        static TestCaseData Case(string provider, string createPath, Purchase purchase, string body) =>
            new TestCaseData(ProviderCase.Named(provider), createPath, purchase, body).SetName($"{provider}_answering_an_empty_201_is_indeterminate(\"{body}\")");
    }

    [TestCaseSource(nameof(CreatesAnsweredEmpty))]
    public async Task A_create_answered_with_an_empty_201_is_indeterminate(ProviderCase provider, string createPath, Purchase purchase, string body)
    {
        Server.On("POST", createPath, Body(body));
        var sdk = Track(LoopbackSdk.Build(provider, Server.Url, Clock));

        var outcome = await ReportAsync(sdk, purchase, provider.Name);

        Assert.Multiple(() =>
        {
            AssertNoNullReference(outcome);
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate), Describe(outcome));
            Assert.That((outcome.Error as ProviderRequestException)?.FailureKind, Is.EqualTo(ProviderFailureKind.MaybeProcessed), Describe(outcome));
            Assert.That(Server.CountOf("POST", createPath), Is.EqualTo(1));
        });
    }

    [TestCase("")]
    [TestCase("null")]
    public async Task Elastic_Path_answering_an_empty_201_is_resolved_by_its_look_up_or_indeterminate_never_failed(string body)
    {
        Server.On("POST", Routes.ElasticPathToken, Reply.Status(200, Answers.ElasticPathToken()));
        Server.On("POST", Routes.ElasticPathCheckout, Body(body));
        Server.On("GET", Routes.ElasticPathOrders, Reply.Status(200, Answers.ElasticPathOrders((Answers.ElasticPathOrderId, "ep-order-1"))));
        var sdk = Track(LoopbackSdk.Build<ElasticPathOptions>(Server.Url, Clock));

        var outcome = await ReportAsync(sdk, Purchases.ElasticPathAccount("ep-order-1"), "ElasticPath");

        Assert.Multiple(() =>
        {
            AssertNoNullReference(outcome);
            Assert.That(outcome.Status, Is.AnyOf(ProviderOutcomeStatus.Succeeded, ProviderOutcomeStatus.Indeterminate), Describe(outcome));
            if (outcome.Status == ProviderOutcomeStatus.Succeeded)
            {
                Assert.That(outcome.ProviderReference, Is.EqualTo(Answers.ElasticPathOrderId), "a success names the order the look-up found");
            }

            Assert.That(Server.CountOf("POST", Routes.ElasticPathCheckout), Is.EqualTo(1), "the cart is never checked out twice");
        });
    }
}
