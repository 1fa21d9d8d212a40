using System.Text.Json.Nodes;
using PurchaseSdk.Delivery.Payload;

namespace PurchaseSdk.Delivery.Tests.Payload;

/// <summary>
/// Schema version 1 is a stored contract: rows written by an earlier release must still read, so its JSON names and
/// shape are pinned here, not derived from the code that writes them.
/// </summary>
public sealed class StoredFormTests
{
    private const string VersionOne = """
        {
          "v": 1,
          "purchase": {
            "order_id": "v1-order",
            "customer": { "email": "ada@example.com", "id": "c-1", "name": "Ada" },
            "currency": "KWD",
            "lines": [
              {
                "name": "Canoe", "sku": "4444", "product_id": "p-1", "line_id": "l-1", "quantity": 3, "unit_price": 1.234,
                "size": "L", "brand": "B", "color": "red", "properties": { "k": "v" }
              }
            ],
            "tax": 0.5,
            "shipping": 0.25,
            "discount": 0.1,
            "subtotal": 3.702,
            "total": 4.352,
            "occurred_at": "2026-01-02T03:04:05+02:00",
            "status": "paid",
            "source": "gumroad",
            "store": "Kith",
            "permalink": "https://shop.example/o/1",
            "properties": { "channel": "web" }
          }
        }
        """;

    /// <summary>A purchase with every field set (a three-decimal currency, given amounts, an offset time), no contexts.</summary>
    internal static Purchase EveryField(string orderId) => new()
    {
        OrderId = orderId,
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
    };

    /// <summary>Asserts that <paramref name="read"/> holds every field of <see cref="EveryField"/>, exactly.</summary>
    internal static void AssertEveryField(Purchase read, string orderId)
    {
        Assert.That(read.ToString(), Is.EqualTo(EveryField(orderId).ToString()));
        Assert.That((read.IsSubtotalSpecified, read.IsTotalSpecified, read.Subtotal, read.Total), Is.EqualTo((true, true, 3.702m, 4.352m)));
        Assert.That((read.Customer!.Email, read.Customer.Id, read.Customer.Name), Is.EqualTo(("ada@example.com", "c-1", "Ada")));
        Assert.That(read.OccurredAt, Is.EqualTo(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))));
        Assert.That(read.OccurredAt!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That((read.Status, read.Source, read.Store, read.Permalink, read.Tax, read.Shipping, read.Discount), Is.EqualTo(("paid", "gumroad", "Kith", "https://shop.example/o/1", 0.5m, 0.25m, 0.1m)));
        Assert.That(read.Properties, Is.EquivalentTo(new Dictionary<string, string> { ["channel"] = "web" }));
        var line = read.Lines.Single();
        Assert.That((line.Name, line.Sku, line.ProductId, line.LineId, line.Quantity, line.UnitPrice, line.Size, line.Brand, line.Color), Is.EqualTo(("Canoe", "4444", "p-1", "l-1", 3, 1.234m, "L", "B", "red")));
        Assert.That(line.Properties["k"], Is.EqualTo("v"));
    }

    [Test]
    public async Task A_purchase_is_written_in_version_one_form()
    {
        await using var harness = DeliveryHarness.Create();
        var written = harness.Services.GetRequiredService<DeliveryPayloadSerializer>().Serialize(EveryField("v1-order"));

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(VersionOne)), Is.True, written);
    }

    [Test]
    public async Task A_version_one_payload_reads_back_every_field()
    {
        await using var harness = DeliveryHarness.Create();

        AssertEveryField(harness.Services.GetRequiredService<DeliveryPayloadSerializer>().Deserialize(VersionOne), "v1-order");
    }

    [TestCase("""{"v":1,"purchase":{"order_id":"o","currency":"EUR"}}""", TestName = "A payload without lines")]
    [TestCase("""{"v":1,"purchase":{"order_id":"o","lines":[{"quantity":1}]}}""", TestName = "A payload without currency or line name")]
    public async Task A_version_one_payload_missing_collections_or_names_reads_as_an_invalid_purchase_not_a_crash(string payload)
    {
        await using var harness = DeliveryHarness.Create();
        var read = harness.Services.GetRequiredService<DeliveryPayloadSerializer>().Deserialize(payload);

        Assert.That(read.OrderId, Is.EqualTo("o"));
        Assert.That(PurchaseValidator.Validate(read), Is.Not.Empty);
    }
}
