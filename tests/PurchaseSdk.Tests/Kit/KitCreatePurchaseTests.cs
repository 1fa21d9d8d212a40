using System.Text.RegularExpressions;
using PurchaseSdk.Kit;
using WireMock.Server;

namespace PurchaseSdk.Tests.Kit;

/// <summary>Kit's create-purchase wire format, per seed 002_32fa4ec2e4882c60.txt (POST /v4/purchases).</summary>
public sealed class KitCreatePurchaseTests : StubbedTest
{
    [Test]
    public async Task The_seed_purchase_reported_through_the_facade_reaches_Kit_as_the_seed_request()
    {
        KitStubs.CreateAnswers201(Server);
        await using var provider = Sdk.Build<KitOptions>(Server, Clock);

        var outcome = await provider.ReportAsync(Clock, Purchases.KitSeed(), "Kit");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Succeeded), outcome.Message);
            Assert.That(outcome.ProviderReference, Is.EqualTo("1336"));
            Assert.That(outcome.Attempts, Is.EqualTo(1));
        });
        WireAssert.Sent(Server.Requests().Single(), "POST", "/v4/purchases", Seed.Read("Kit/create-purchase.request.json"),
        [
            ("Authorization", Is.EqualTo("Bearer " + TestCredentials.KitToken)),
            ("Content-Type", Does.StartWith("application/json")),
            // Single spaces, even where the OS description has two.
            ("User-Agent", Does.Match(@"^PurchaseSdk/\d+\.\d+\.\d+\S* \(\.NET [^;]+; [^)]+\)$").And.Not.Contain("  ")),
        ]);
    }

    [Test]
    public async Task The_typed_client_parses_every_field_of_the_seed_answer()
    {
        KitStubs.CreateAnswers201(Server);
        await using var provider = Sdk.Build<KitOptions>(Server, Clock);
        var api = provider.GetRequiredService<IKitApi>();

        var answer = await api.CreatePurchaseAsync(new KitPurchaseEnvelope { Purchase = new KitPurchase { TransactionId = "796-92-4892" } });

        var purchase = answer.Purchase!;
        Assert.Multiple(() =>
        {
            Assert.That(purchase.Id, Is.EqualTo(1336));
            Assert.That(purchase.TransactionId, Is.EqualTo("796-92-4892"));
            Assert.That(purchase.Status, Is.EqualTo("paid"));
            Assert.That(purchase.EmailAddress, Is.EqualTo(Purchases.KitSeedEmail));
            Assert.That(purchase.Currency, Is.EqualTo("USD"));
            Assert.That(purchase.TransactionTime, Is.EqualTo(new DateTimeOffset(2023, 2, 17, 11, 43, 55, TimeSpan.Zero)));
            Assert.That(purchase.Subtotal, Is.EqualTo(78.66m));
            Assert.That(purchase.Discount, Is.EqualTo(5m));
            Assert.That(purchase.Tax, Is.EqualTo(7.87m));
            Assert.That(purchase.Total, Is.EqualTo(81.53m));
            Assert.That(purchase.Products, Has.Count.EqualTo(3));
        });
        var first = purchase.Products![0];
        Assert.Multiple(() =>
        {
            Assert.That(first.Quantity, Is.EqualTo(1));
            Assert.That(first.LineId, Is.EqualTo("811-75-7900"));
            Assert.That(first.UnitPrice, Is.EqualTo(23.22m));
            Assert.That(first.Sku, Is.EqualTo("SM21-SH-M02-RD-S-001"));
            Assert.That(first.Name, Is.EqualTo("Phantom Hourglass"));
            Assert.That(first.ProductId, Is.EqualTo("804-02-4430"));
            Assert.That(purchase.Products[1].UnitPrice, Is.EqualTo(32.22m));
            Assert.That(purchase.Products[2].ProductId, Is.EqualTo("217-99-4325"));
        });
    }

    [Test]
    public async Task Defaults_fill_status_pid_and_lid_and_time_is_sent_in_utc()
    {
        KitStubs.CreateAnswers201(Server);
        await using var provider = Sdk.Build<KitOptions>(Server, Clock);
        var purchase = new Purchase
        {
            OrderId = "A-1",
            Customer = new Customer { Email = "  ada@example.com " },
            Currency = "jpy",
            OccurredAt = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(9)),
            Lines =
            [
                new PurchaseLine { Name = "Tea", Sku = "TEA-1", Quantity = 2, UnitPrice = 1500m },
                new PurchaseLine { Name = "Cup", Quantity = 1, UnitPrice = 800m },
            ],
            Tax = 380m,
        };

        await provider.ReportAsync(Clock, purchase);

        JsonAssert.AreEquivalent(
            """
            {"purchase":{"email_address":"ada@example.com","transaction_id":"A-1","status":"paid",
             "subtotal":3800,"tax":380,"shipping":0,"discount":0,"total":4180,"currency":"JPY",
             "transaction_time":"2026-03-01T00:30:00Z",
             "products":[{"name":"Tea","pid":"TEA-1","lid":"1","quantity":2,"unit_price":1500,"sku":"TEA-1"},
                         {"name":"Cup","pid":"Cup","lid":"2","quantity":1,"unit_price":800}]}}
            """,
            Server.Requests().Single().Body);
    }

    [Test]
    public async Task A_purchase_without_a_customer_email_is_skipped_and_nothing_is_sent()
    {
        KitStubs.CreateAnswers201(Server);
        await using var provider = Sdk.Build<KitOptions>(Server, Clock);
        var purchase = Purchases.Simple();
        var anonymous = new Purchase { OrderId = purchase.OrderId, Currency = purchase.Currency, Lines = purchase.Lines };

        var report = await provider.ReportAsync(Clock, anonymous);

        AssertSkippedWithoutSending(report.Of("Kit"), Does.Contain("Customer.Email"));
        Assert.That(report.Succeeded, Is.True);
    }

    [Test]
    public async Task Application_name_goes_in_front_of_the_user_agent()
    {
        KitStubs.CreateAnswers201(Server);
        await using var provider = Sdk.Build<KitOptions>(Server, Clock, services: s => s.Configure<PurchaseSdkOptions>(o => o.ApplicationName = "MyShop (www.myshop.example)"));

        await provider.ReportAsync(Clock, Purchases.Simple());

        Assert.That(
            Server.Requests().Single().Header("User-Agent"),
            Does.Match("^" + Regex.Escape("MyShop (www.myshop.example) PurchaseSdk/")));
    }
}
