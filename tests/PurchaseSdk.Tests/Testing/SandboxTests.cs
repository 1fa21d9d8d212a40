using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Drip;
using PurchaseSdk.Testing;
using PurchaseSdk.Tests.Support;

namespace PurchaseSdk.Tests.Testing;

/// <summary>The sandbox drives the real SDK: all five providers, stored records, faults.</summary>
public sealed class SandboxTests
{
    private PurchaseSandbox _sandbox = null!;
    private TestClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _sandbox = PurchaseSandbox.Start();
        _clock = new TestClock();
    }

    [TearDown]
    public void TearDown() => _sandbox.Dispose();

    private Purchase SandboxPurchase(string orderId = "sandbox-order-1")
    {
        var purchase = Purchases.DripSeed();
        var full = new Purchase
        {
            OrderId = orderId,
            Customer = new Customer { Name = "John Doe", Email = "john+test@example.com" },
            Currency = purchase.Currency,
            Source = purchase.Source,
            OccurredAt = purchase.OccurredAt,
            Lines = [.. purchase.Lines, new PurchaseLine { Name = "Paddle", Quantity = 2, UnitPrice = 12.5m, Sku = "P-2" }],
            Tax = 3m,
            Shipping = 5m,
        };
        foreach (var context in _sandbox.CreateContexts())
        {
            full.Contexts.Add(context);
        }

        return full;
    }

    private async Task<PurchaseReport> ReportAsync(Purchase purchase)
    {
        await using var provider = Sdk.BuildWithSandbox(_sandbox, _clock);
        return await _clock.RunAsync(provider.GetRequiredService<IPurchaseReporter>().ReportAsync(purchase));
    }

    [Test]
    public async Task A_purchase_reaches_all_five_emulated_providers_and_each_stores_it()
    {
        var report = await ReportAsync(SandboxPurchase());

        Assert.Multiple(() =>
        {
            Assert.That(report.Outcomes.Select(o => o.Status), Is.All.EqualTo(ProviderOutcomeStatus.Succeeded), report.ToString());
            Assert.That(report["Kit"]!.ProviderReference, Is.EqualTo("1336"));
            Assert.That(report["Rundl"]!.ProviderReference, Is.EqualTo("30799601"));
            Assert.That(Guid.TryParse(report["ElasticPath"]!.ProviderReference, out _), Is.True);
            Assert.That(_sandbox.Kit.RecordCount, Is.EqualTo(1));
            Assert.That(_sandbox.Scout.RecordCount, Is.EqualTo(3), "one checkout per unit");
            Assert.That(_sandbox.Rundl.RecordCount, Is.EqualTo(1));
            Assert.That(_sandbox.Drip.RecordCount, Is.EqualTo(1));
            Assert.That(_sandbox.ElasticPath.RecordCount, Is.EqualTo(1));
            Assert.That((long)_sandbox.Drip.Records[0]["amount"]!, Is.EqualTo(4900 + 2500 + 300 + 500));
            Assert.That((string)_sandbox.ElasticPath.Records[0]["external_ref"]!, Is.EqualTo("sandbox-order-1"));
        });
    }

    [Test]
    public async Task Two_503s_then_success_record_one_purchase_in_three_attempts()
    {
        _sandbox.Kit.FailNext(2, SandboxFault.Status(503));

        var report = await ReportAsync(SandboxPurchase());

        Assert.Multiple(() =>
        {
            Assert.That(report["Kit"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(report["Kit"]!.Attempts, Is.EqualTo(3));
            Assert.That(_sandbox.Kit.RecordCount, Is.EqualTo(1));
            Assert.That(_sandbox.Kit.Requests, Has.Count.EqualTo(3));
            Assert.That(_clock.Waited, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Accept_then_fail_stores_the_record_while_the_client_sees_an_error()
    {
        _sandbox.Rundl.FailNext(1, SandboxFault.AcceptThenFail(500));

        var report = await ReportAsync(SandboxPurchase());

        Assert.Multiple(() =>
        {
            Assert.That(report["Rundl"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate));
            Assert.That(_sandbox.Rundl.RecordCount, Is.EqualTo(1), "stored once, not sent again");
            Assert.That(_sandbox.Rundl.Requests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_dropped_connection_reaches_the_client_as_a_transport_failure()
    {
        _sandbox.Scout.FailNext(1, SandboxFault.DropConnection());

        var report = await ReportAsync(SandboxPurchase());

        var outcome = report["Scout"]!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Indeterminate), outcome.Message);
            Assert.That(((ProviderRequestException)outcome.Error!).StatusCode, Is.Null);
            Assert.That(_sandbox.Scout.RecordCount, Is.Zero);
        });
    }

    [Test]
    public async Task Kit_s_rate_limit_is_plain_text_and_Drip_s_names_the_spent_hourly_budget()
    {
        _sandbox.Kit.FailNext(1, SandboxFault.TooManyRequests(TimeSpan.FromSeconds(2)));
        _sandbox.Drip.FailNext(1, SandboxFault.TooManyRequests());

        var report = await ReportAsync(SandboxPurchase());

        Assert.Multiple(() =>
        {
            Assert.That(report["Kit"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(_clock.Waited, Does.Contain(TimeSpan.FromSeconds(2)));
            Assert.That(report["Drip"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(report["Drip"]!.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(_sandbox.Drip.RecordCount, Is.Zero);
        });
    }

    [Test]
    public async Task Elastic_Path_tokens_expire_on_the_sandbox_clock_and_the_SDK_renews_after_the_401()
    {
        var sandboxClock = new TestClock();
        await using var sandbox = PurchaseSandbox.Start(new PurchaseSandboxOptions { Time = sandboxClock, ElasticPathTokenLifetime = TimeSpan.FromMinutes(5) });
        await using var provider = Sdk.BuildWithSandbox(sandbox, _clock);
        var reporter = provider.GetRequiredService<IPurchaseReporter>();
        var purchase = SandboxPurchase();

        var first = await _clock.RunAsync(reporter.ReportAsync(purchase));
        sandboxClock.Advance(TimeSpan.FromMinutes(6));
        var second = await _clock.RunAsync(reporter.ReportAsync(purchase));

        var tokenRequests = sandbox.ElasticPath.Requests.Count(r => r.Path == "/oauth/access_token");
        Assert.Multiple(() =>
        {
            Assert.That(first["ElasticPath"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(second["ElasticPath"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), second["ElasticPath"]!.Message);
            Assert.That(tokenRequests, Is.EqualTo(2), "the expired token was refused with 401 and renewed once");
            Assert.That(sandbox.ElasticPath.RecordCount, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task The_typed_Drip_client_lists_what_the_sandbox_stored_page_by_page()
    {
        await using var sandbox = PurchaseSandbox.Start(new PurchaseSandboxOptions { DripPageSize = 2 });
        await using var provider = Sdk.BuildWithSandbox(sandbox, _clock);
        var reporter = provider.GetRequiredService<IPurchaseReporter>();
        for (var i = 0; i < 5; i++)
        {
            await reporter.ReportAsync(Purchases.DripSeed());
        }

        var listed = new List<string?>();
        await foreach (var purchase in provider.GetRequiredService<IDripApi>().ListAllPurchasesAsync(sandbox.Credentials.DripAccountId, "john+test@example.com"))
        {
            listed.Add(purchase.OrderId);
        }

        Assert.Multiple(() =>
        {
            Assert.That(listed, Has.Count.EqualTo(5));
            Assert.That(sandbox.Drip.Requests.Count(r => r.Method == "GET"), Is.EqualTo(3));
        });
    }

    [Test]
    public void Reset_forgets_requests_records_and_faults()
    {
        _sandbox.Kit.FailNext(3, SandboxFault.Status(500));
        _sandbox.Reset();

        Assert.Multiple(() =>
        {
            Assert.That(_sandbox.Kit.PendingFaults, Is.Zero);
            Assert.That(_sandbox.Kit.Requests, Is.Empty);
        });
    }
}
