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
        var purchase = StoredFormTests.EveryField("round-trip");
        purchase.Contexts.Add(new ScoutUserContext(42, "scout-user-token"));
        purchase.Contexts.Add(new RundlCheckoutContext { AccountId = 1, ServiceId = 2, LineProductIds = [7, 8], PaymentToken = "pay" });
        purchase.Contexts.Add(new DripSubscriberContext("sub-9"));
        purchase.Contexts.Add(new ElasticPathCheckoutContext
        {
            CartReference = "cart", AccountManagementToken = "member-token", OrderNumber = "n-1",
            BillingAddress = new ElasticPathAddress { FirstName = "A", LastName = "L", Line1 = "1 Road", City = "X", Postcode = "1", Country = "GB" },
        });

        var read = Serializer(harness).Deserialize(Serializer(harness).Serialize(purchase));

        StoredFormTests.AssertEveryField(read, "round-trip");
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
