using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PurchaseSdk.Drip;
using PurchaseSdk.Testing;
using PurchaseSdk.Tests.Reliability;

namespace PurchaseSdk.Tests.Testing;

/// <summary>The sandbox drives the real SDK: every provider, stored records, faults.</summary>
public sealed class SandboxTests : SandboxTest
{
    private Purchase SandboxPurchase(string orderId = "sandbox-order-1")
    {
        var purchase = Purchases.DripSeed();
        return WithSandboxContexts(new Purchase
        {
            OrderId = orderId,
            Customer = new Customer { Name = "John Doe", Email = "john+test@example.com" },
            Currency = purchase.Currency,
            Source = purchase.Source,
            OccurredAt = purchase.OccurredAt,
            Lines = [.. purchase.Lines, new PurchaseLine { Name = "Paddle", Quantity = 2, UnitPrice = 12.5m, Sku = "P-2" }],
            Tax = 3m,
            Shipping = 5m,
        });
    }

    private async Task<PurchaseReport> ReportAsync(Purchase purchase)
    {
        await using var provider = BuildWithSandbox();
        return await provider.ReportAsync(Clock, purchase);
    }

    [Test]
    public void The_sandbox_emulates_every_provider_of_the_test_table_in_its_order()
    {
        Assert.That(Sandbox.Providers.Select(p => p.Name), Is.EqualTo(ProviderCase.All.Select(p => p.Name)));
    }

    [Test]
    public async Task A_purchase_reaches_every_emulated_provider_and_each_stores_it()
    {
        var purchase = SandboxPurchase();
        var units = purchase.Lines.Sum(l => l.Quantity);

        var report = await ReportAsync(purchase);

        Assert.Multiple(() =>
        {
            Assert.That(report.Outcomes.Select(o => o.Provider), Is.EqualTo(ProviderCase.All.Select(p => p.Name)), "one outcome per provider, in order");
            Assert.That(report.Outcomes.Select(o => o.Status), Is.All.EqualTo(ProviderOutcomeStatus.Succeeded), report.ToString());
            foreach (var provider in ProviderCase.All)
            {
                Assert.That(provider.In(Sandbox).RecordCount, Is.EqualTo(provider.OneRecordPerUnit ? units : 1), provider.Name);
            }

            Assert.That(units, Is.EqualTo(3), "Scout stores one checkout per unit");
            Assert.That(report["Kit"]!.ProviderReference, Is.EqualTo("1336"));
            Assert.That(report["Rundl"]!.ProviderReference, Is.EqualTo("30799601"));
            Assert.That(Guid.TryParse(report["ElasticPath"]!.ProviderReference, out _), Is.True);
            Assert.That((long)Sandbox.Drip.Records[0]["amount"]!, Is.EqualTo(4900 + 2500 + 300 + 500));
            Assert.That((string)Sandbox.ElasticPath.Records[0]["external_ref"]!, Is.EqualTo("sandbox-order-1"));
        });
    }

    /// <summary>Faults injected into one provider while the purchase goes to every provider; each keeps its own test name.</summary>
    private static IEnumerable<TestCaseData> Faults()
    {
        // Two 503s, then a success: one purchase recorded in three attempts, after two waits.
        yield return new TestCaseData("Kit", 2, SandboxFault.Status(503), ProviderOutcomeStatus.Succeeded, 3, 1, null).SetName("Two_503s_then_success_record_one_purchase_in_three_attempts");
        // Accepted, then an error: the record is stored while the client sees an error, so it is not sent again.
        yield return new TestCaseData("Rundl", 1, SandboxFault.AcceptThenFail(500), ProviderOutcomeStatus.Indeterminate, 1, 1, 500).SetName("Accept_then_fail_stores_the_record_while_the_client_sees_an_error");
        // The connection drops before any answer: a transport failure, with no status code.
        yield return new TestCaseData("Scout", 1, SandboxFault.DropConnection(), ProviderOutcomeStatus.Indeterminate, 1, 0, null).SetName("A_dropped_connection_reaches_the_client_as_a_transport_failure");
    }

    [TestCaseSource(nameof(Faults))]
    public async Task A_fault_reaches_the_client_and_the_records_as_it_would_at_the_provider(string provider, int times, SandboxFault fault, ProviderOutcomeStatus status, int attempts, int records, int? statusCode)
    {
        var emulated = Sandbox.Get(provider);
        emulated.FailNext(times, fault);

        var outcome = (await ReportAsync(SandboxPurchase())).Of(provider);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(status), outcome.Message);
            Assert.That(outcome.Attempts, Is.EqualTo(attempts));
            Assert.That((int?)(outcome.Error as ProviderRequestException)?.StatusCode, Is.EqualTo(statusCode));
            Assert.That(emulated.RecordCount, Is.EqualTo(records), "stored at most once, never sent again blindly");
            Assert.That(emulated.Requests, Has.Count.EqualTo(attempts));
            Assert.That(Clock.Waited, Has.Count.EqualTo(attempts - 1), "a wait before each retry, none otherwise");
        });
    }

    [Test]
    public async Task Kit_s_rate_limit_is_plain_text_and_Drip_s_names_the_spent_hourly_budget()
    {
        Sandbox.Kit.FailNext(1, SandboxFault.TooManyRequests(TimeSpan.FromSeconds(2)));
        Sandbox.Drip.FailNext(1, SandboxFault.TooManyRequests());

        var report = await ReportAsync(SandboxPurchase());

        Assert.Multiple(() =>
        {
            Assert.That(report["Kit"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded));
            Assert.That(Clock.Waited, Does.Contain(TimeSpan.FromSeconds(2)));
            Assert.That(report["Drip"]!.Status, Is.EqualTo(ProviderOutcomeStatus.Failed));
            Assert.That(report["Drip"]!.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(Sandbox.Drip.RecordCount, Is.Zero);
        });
    }

    [Test]
    public async Task Elastic_Path_tokens_expire_on_the_sandbox_clock_and_the_SDK_renews_after_the_401()
    {
        var sandboxClock = new TestClock();
        await using var sandbox = PurchaseSandbox.Start(new PurchaseSandboxOptions { Time = sandboxClock, ElasticPathTokenLifetime = TimeSpan.FromMinutes(5) });
        await using var provider = Sdk.BuildWithSandbox(sandbox, Clock);
        var purchase = SandboxPurchase();

        var first = await provider.ReportAsync(Clock, purchase);
        sandboxClock.Advance(TimeSpan.FromMinutes(6));
        var second = await provider.ReportAsync(Clock, purchase);

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
        await using var provider = Sdk.BuildWithSandbox(sandbox, Clock);
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
        Sandbox.Kit.FailNext(3, SandboxFault.Status(500));
        Sandbox.Reset();

        Assert.Multiple(() =>
        {
            Assert.That(Sandbox.Kit.PendingFaults, Is.Zero);
            Assert.That(Sandbox.Kit.Requests, Is.Empty);
        });
    }
}
