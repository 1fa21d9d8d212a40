namespace PurchaseSdk.Tests.Misbehaving;

/// <summary>
/// Issue #10, defect 7: a purchase whose collections are null (<c>Properties</c>, a line's <c>Properties</c>,
/// <c>Contexts</c>) or whose <c>OccurredAt</c> is <c>default</c> is invalid input: <see cref="IPurchaseReporter.ReportAsync"/>
/// throws <see cref="PurchaseValidationException"/> naming the field, before anything is sent, instead of a provider
/// failing with a <see cref="NullReferenceException"/>; and <see cref="Purchase.ToString"/> never throws.
/// </summary>
public sealed class NullCollectionsTests : MisbehavingTest
{
    private static Purchase Valid() => Purchases.DripSeed("ada@example.com");

    private static IEnumerable<TestCaseData> InvalidPurchases()
    {
        var valid = Valid();
        yield return new TestCaseData(Build(null!, valid.Lines, valid.Contexts, valid.OccurredAt), "Properties").SetName("Purchase.Properties null");
        yield return new TestCaseData(Build(valid.Properties, [new PurchaseLine { Name = "Canoe", UnitPrice = 49m, Properties = null! }], valid.Contexts, valid.OccurredAt), "Lines[0].Properties").SetName("a line's Properties null");
        yield return new TestCaseData(Build(valid.Properties, valid.Lines, null!, valid.OccurredAt), "Contexts").SetName("Contexts null");
        yield return new TestCaseData(Build(valid.Properties, valid.Lines, valid.Contexts, default(DateTimeOffset)), "OccurredAt").SetName("OccurredAt default");
    }

    private static Purchase Build(IReadOnlyDictionary<string, string> properties, IReadOnlyList<PurchaseLine> lines, PurchaseContexts contexts, DateTimeOffset? occurredAt) => new()
    {
        OrderId = "null-collections",
        Customer = new Customer { Email = "ada@example.com", Name = "Ada" },
        Currency = "USD",
        Source = "gumroad",
        Lines = lines,
        OccurredAt = occurredAt,
        Properties = properties,
        Contexts = contexts,
    };

    [TestCaseSource(nameof(InvalidPurchases))]
    public async Task An_invalid_purchase_is_refused_before_anything_is_sent_naming_the_field(Purchase purchase, string path)
    {
        Server.On("POST", Routes.KitPurchases, Reply.Status(201, Answers.KitCreated));
        Server.On("POST", "/v2/", Reply.Status(201, "{}"));
        var sdk = Track(LoopbackSdk.Build(Clock, builder => builder
            .AddKit(o => { LoopbackSdk.Patient(o); o.BaseAddress = Server.Url; o.AccessToken = TestCredentials.KitToken; })
            .AddDrip(o => { LoopbackSdk.Patient(o); o.BaseAddress = Server.Url; o.AccountId = TestCredentials.DripAccount; o.ApiKey = TestCredentials.DripKey; })));

        Exception? thrown = null;
        PurchaseReport? report = null;
        try
        {
            report = await Within(sdk.ReportAsync(Clock, purchase), "ReportAsync did not end");
        }
        catch (Exception e) when (e is not AssertionException)
        {
            thrown = e;
        }

        Assert.Multiple(() =>
        {
            Assert.That(thrown, Is.InstanceOf<PurchaseValidationException>(), report is null ? string.Empty : "no exception; the report was: " + string.Join(" / ", report.Outcomes.Select(Describe)));
            Assert.That((thrown as PurchaseValidationException)?.Errors.Select(e => e.Path), Has.Some.EqualTo(path));
            Assert.That(Server.Requests, Is.Empty, "nothing is sent for an invalid purchase");
        });
    }

    [Test]
    public void ToString_never_throws_on_null_collections()
    {
        var purchase = new Purchase
        {
            OrderId = "null-everything",
            Currency = "USD",
            Lines = null!,
            Properties = null!,
            Contexts = null!,
            OccurredAt = default(DateTimeOffset),
        };
        var line = new PurchaseLine { Name = "Canoe", Properties = null! };

        Assert.Multiple(() =>
        {
            Assert.That(purchase.ToString, Throws.Nothing);
            Assert.That(line.ToString, Throws.Nothing);
        });
    }
}
