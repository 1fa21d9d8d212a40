using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using PurchaseSdk.Delivery.Payload;
using PurchaseSdk.Drip;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;

namespace PurchaseSdk.Delivery.Tests.Payload;

/// <summary>The stored purchase: every field and context round-trips; a payload that cannot be read fails its own delivery only.</summary>
public sealed class PayloadTests
{
    private static DeliveryPayloadSerializer Serializer(DeliveryHarness harness) =>
        harness.Services.GetRequiredService<DeliveryPayloadSerializer>();

    [Test]
    public async Task Every_field_and_every_packaged_context_round_trips()
    {
        await using var harness = DeliveryHarness.Create();
        var purchase = new Purchase
        {
            OrderId = "round-trip",
            Customer = new Customer { Email = "ada@example.com", Id = "c-1", Name = "Ada" },
            Currency = "KWD",
            Lines =
            [
                new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "p-1", LineId = "l-1", Quantity = 3, UnitPrice = 1.234m, Size = "L", Brand = "B", Color = "red", Properties = new Dictionary<string, string> { ["k"] = "v" } },
            ],
            Tax = 0.5m,
            Shipping = 0.25m,
            Discount = 0.1m,
            Subtotal = 3.702m,
            Total = 4.352m,
            OccurredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
            Status = "paid",
            Source = "gumroad",
            Store = "Kith",
            Permalink = "https://shop.example/o/1",
            Properties = new Dictionary<string, string> { ["channel"] = "web" },
            Contexts =
            {
                new ScoutUserContext(42, "scout-user-token"),
                new RundlCheckoutContext { AccountId = 1, ServiceId = 2, LineProductIds = [7, 8], PaymentToken = "pay" },
                new DripSubscriberContext("sub-9"),
                new ElasticPathCheckoutContext
                {
                    CartReference = "cart", AccountManagementToken = "member-token", OrderNumber = "n-1",
                    BillingAddress = new ElasticPathAddress { FirstName = "A", LastName = "L", Line1 = "1 Road", City = "X", Postcode = "1", Country = "GB" },
                },
            },
        };

        var read = Serializer(harness).Deserialize(Serializer(harness).Serialize(purchase));

        Assert.That(read.ToString(), Is.EqualTo(purchase.ToString()));
        Assert.That((read.IsSubtotalSpecified, read.IsTotalSpecified, read.Subtotal, read.Total), Is.EqualTo((true, true, 3.702m, 4.352m)));
        Assert.That((read.Customer!.Email, read.Customer.Id, read.Customer.Name), Is.EqualTo(("ada@example.com", "c-1", "Ada")));
        Assert.That(read.OccurredAt, Is.EqualTo(purchase.OccurredAt));
        Assert.That(read.OccurredAt!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That((read.Status, read.Source, read.Store, read.Permalink, read.Tax, read.Shipping, read.Discount), Is.EqualTo(("paid", "gumroad", "Kith", "https://shop.example/o/1", 0.5m, 0.25m, 0.1m)));
        Assert.That(read.Properties, Is.EquivalentTo(purchase.Properties));
        var line = read.Lines.Single();
        Assert.That((line.Name, line.Sku, line.ProductId, line.LineId, line.Quantity, line.UnitPrice, line.Size, line.Brand, line.Color), Is.EqualTo(("Canoe", "4444", "p-1", "l-1", 3, 1.234m, "L", "B", "red")));
        Assert.That(line.Properties["k"], Is.EqualTo("v"));
        Assert.That(read.Contexts.Get<ScoutUserContext>(), Has.Property("UserId").EqualTo(42L).And.Property("AccessToken").EqualTo("scout-user-token"));
        Assert.That(read.Contexts.Get<RundlCheckoutContext>()!.LineProductIds, Is.EqualTo(new long[] { 7, 8 }));
        Assert.That(read.Contexts.Get<RundlCheckoutContext>()!.PaymentToken, Is.EqualTo("pay"));
        Assert.That(read.Contexts.Get<DripSubscriberContext>()!.SubscriberId, Is.EqualTo("sub-9"));
        var ep = read.Contexts.Get<ElasticPathCheckoutContext>()!;
        Assert.That((ep.CartReference, ep.AccountManagementToken, ep.OrderNumber, ep.BillingAddress!.Line1), Is.EqualTo(("cart", "member-token", "n-1", "1 Road")));
    }

    [Test]
    public async Task Amounts_not_given_stay_computed_and_a_missing_OccurredAt_is_the_enqueue_time()
    {
        await using var harness = DeliveryHarness.Create();
        await harness.Outbox.EnqueueAsync(DeliveryHarness.NewPurchase("order-1", []));

        var claimed = await harness.Store.ClaimAsync("t", 1, TimeSpan.FromMinutes(1), CancellationToken.None);
        var read = Serializer(harness).Deserialize(claimed[0].Payload);

        Assert.That((read.IsSubtotalSpecified, read.IsTotalSpecified), Is.EqualTo((false, false)));
        Assert.That(read.Total, Is.EqualTo(58.24m));
        Assert.That(read.OccurredAt, Is.EqualTo(harness.Clock.GetUtcNow()));
    }

    [Test]
    public async Task A_context_whose_type_no_package_registered_is_refused_at_enqueue()
    {
        await using var harness = DeliveryHarness.Create();
        var purchase = DeliveryHarness.NewPurchase("order-1", [new UnregisteredContext()]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Outbox.EnqueueAsync(purchase));

        Assert.That(error!.Message, Does.Contain(nameof(UnregisteredContext)).And.Contain("AddContextType"));
        Assert.That(await harness.Admin.GetOrderAsync("order-1"), Is.Null);
    }

    [Test]
    public async Task A_corrupted_row_an_unknown_schema_version_and_a_missing_key_fail_their_own_delivery_while_the_others_are_delivered()
    {
        using var database = new TempDatabase();
        var writerKeys = new EphemeralDataProtectionProvider();
        await using (var writer = DeliveryHarness.Create(database: database, protection: writerKeys))
        {
            await writer.EnqueueAsync("protected-by-other-keys");
        }

        await using var harness = DeliveryHarness.Create(database: database, protection: new EphemeralDataProtectionProvider());
        await harness.EnqueueAsync("corrupted", withContexts: false);
        await harness.EnqueueAsync("future-version", withContexts: false);
        await harness.EnqueueAsync("fine", withContexts: false);
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE purchasesdk_orders SET payload = '{"v":1,"purchase":{"order_id":' WHERE order_id = 'corrupted';
                UPDATE purchasesdk_orders SET payload = replace(payload, '"v":1', '"v":99') WHERE order_id = 'future-version';
                """;
            await command.ExecuteNonQueryAsync();
        }

        await harness.DeliverDueAsync();

        async Task<IReadOnlyList<DeliveryRecord>> DeliveriesOf(string orderId) => (await harness.Admin.GetOrderAsync(orderId))!.Deliveries;
        Assert.That(await DeliveriesOf("fine"), Has.All.Property(nameof(DeliveryRecord.State)).AnyOf(DeliveryState.Succeeded, DeliveryState.Skipped));
        Assert.That(await DeliveriesOf("corrupted"), Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Failed)
            .And.All.Property(nameof(DeliveryRecord.LastError)).Contains("not valid JSON"));
        Assert.That(await DeliveriesOf("future-version"), Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Failed)
            .And.All.Property(nameof(DeliveryRecord.LastError)).Contains("schema version 99"));
        Assert.That(await DeliveriesOf("protected-by-other-keys"), Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Failed)
            .And.All.Property(nameof(DeliveryRecord.LastError)).Contains("key ring"));
        Assert.That((await DeliveriesOf("corrupted"))[0].History.Single().ProviderAttempts, Is.Zero, "nothing was sent");

        // With the right keys back, the administrator re-drives: the purchase is delivered.
        await using var restored = DeliveryHarness.Create(database: database, protection: writerKeys, sandbox: null);
        foreach (var delivery in await DeliveriesOf("protected-by-other-keys"))
        {
            Assert.That(await restored.Admin.RedriveAsync(delivery.Id), Is.EqualTo(DeliveryChangeResult.Changed));
        }

        await restored.DeliverDueAsync();
        Assert.That((await restored.Admin.GetOrderAsync("protected-by-other-keys"))!.Deliveries, Has.All.Property(nameof(DeliveryRecord.State)).EqualTo(DeliveryState.Succeeded));
    }

    private sealed class UnregisteredContext
    {
    }
}
