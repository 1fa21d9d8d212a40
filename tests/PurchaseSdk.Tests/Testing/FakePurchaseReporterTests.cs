using PurchaseSdk.Testing;

namespace PurchaseSdk.Tests.Testing;

/// <summary>The fake reporter an application uses in its own unit tests.</summary>
public sealed class FakePurchaseReporterTests
{
    [Test]
    public async Task It_records_purchases_and_returns_the_outcomes_set()
    {
        var reporter = new FakePurchaseReporter("Kit", "Drip").WithOutcome("Drip", ProviderOutcomeStatus.Failed, "Drip is down");

        var report = await reporter.ReportAsync(Purchases.Simple("o-1"));

        Assert.Multiple(() =>
        {
            Assert.That(reporter.Purchases.Single().OrderId, Is.EqualTo("o-1"));
            Assert.That(report["Kit"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(report["Kit"]!.ProviderReference, Is.EqualTo("fake-kit-1"));
            Assert.That(report["Drip"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(report["Drip"]!.Message, Is.EqualTo("Drip is down"));
            Assert.That(report.Succeeded, Is.False);
            Assert.Throws<PurchaseReportException>(() => report.EnsureSuccess());
        });
    }

    [Test]
    public void It_validates_like_the_real_reporter()
    {
        var reporter = new FakePurchaseReporter();

        Assert.That(() => reporter.ReportAsync(new Purchase { OrderId = "", Currency = "USD" }), Throws.InstanceOf<PurchaseValidationException>());
        Assert.That(reporter.Purchases, Is.Empty);
    }

    [Test]
    public async Task A_custom_response_replaces_the_outcomes()
    {
        var reporter = new FakePurchaseReporter { Respond = p => new PurchaseReport(p.OrderId, []) };

        var report = await reporter.ReportAsync(Purchases.Simple());

        Assert.That(report.Outcomes, Is.Empty);
    }
}
