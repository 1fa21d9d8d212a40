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
            "currency": "EUR",
            "lines": [
              {
                "name": "Canoe", "sku": "4444", "product_id": "p-1", "line_id": "l-1", "quantity": 3, "unit_price": 12.5,
                "size": "L", "brand": "B", "color": "red", "properties": { "k": "v" }
              },
              { "name": "Paddle", "quantity": 1, "unit_price": 4 }
            ],
            "tax": 1.25,
            "shipping": 2,
            "discount": 0.5,
            "subtotal": 41.5,
            "total": 44.25,
            "occurred_at": "2026-01-02T03:04:05+02:00",
            "status": "paid",
            "source": "gumroad",
            "store": "Kith",
            "permalink": "https://shop.example/o/1",
            "properties": { "channel": "web" }
          }
        }
        """;

    private static Purchase Purchase() => new()
    {
        OrderId = "v1-order",
        Customer = new Customer { Email = "ada@example.com", Id = "c-1", Name = "Ada" },
        Currency = "EUR",
        Lines =
        [
            new PurchaseLine { Name = "Canoe", Sku = "4444", ProductId = "p-1", LineId = "l-1", Quantity = 3, UnitPrice = 12.5m, Size = "L", Brand = "B", Color = "red", Properties = new Dictionary<string, string> { ["k"] = "v" } },
            new PurchaseLine { Name = "Paddle", Quantity = 1, UnitPrice = 4m },
        ],
        Tax = 1.25m,
        Shipping = 2m,
        Discount = 0.5m,
        Subtotal = 41.5m,
        Total = 44.25m,
        OccurredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
        Status = "paid",
        Source = "gumroad",
        Store = "Kith",
        Permalink = "https://shop.example/o/1",
        Properties = new Dictionary<string, string> { ["channel"] = "web" },
    };

    [Test]
    public async Task A_purchase_is_written_in_version_one_form()
    {
        await using var harness = DeliveryHarness.Create();
        var written = harness.Services.GetRequiredService<DeliveryPayloadSerializer>().Serialize(Purchase());

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(VersionOne)), Is.True, written);
    }

    [Test]
    public async Task A_version_one_payload_reads_back_every_field()
    {
        await using var harness = DeliveryHarness.Create();
        var read = harness.Services.GetRequiredService<DeliveryPayloadSerializer>().Deserialize(VersionOne);

        var expected = Purchase();
        Assert.That(read.ToString(), Is.EqualTo(expected.ToString()));
        Assert.That((read.Customer!.Email, read.Customer.Id, read.Customer.Name), Is.EqualTo(("ada@example.com", "c-1", "Ada")));
        Assert.That((read.Tax, read.Shipping, read.Discount, read.Subtotal, read.Total), Is.EqualTo((1.25m, 2m, 0.5m, 41.5m, 44.25m)));
        Assert.That((read.OccurredAt, read.OccurredAt!.Value.Offset), Is.EqualTo((expected.OccurredAt, TimeSpan.FromHours(2))));
        Assert.That((read.Status, read.Source, read.Store, read.Permalink), Is.EqualTo(("paid", "gumroad", "Kith", "https://shop.example/o/1")));
        Assert.That(read.Properties, Is.EqualTo(expected.Properties));
        var canoe = read.Lines[0];
        Assert.That(
            (canoe.Name, canoe.Sku, canoe.ProductId, canoe.LineId, canoe.Quantity, canoe.UnitPrice, canoe.Size, canoe.Brand, canoe.Color, canoe.Properties["k"]),
            Is.EqualTo(("Canoe", "4444", "p-1", "l-1", 3, 12.5m, "L", "B", "red", "v")));
        Assert.That((read.Lines[1].Name, read.Lines[1].Sku, read.Lines[1].Properties.Count), Is.EqualTo(("Paddle", (string?)null, 0)));
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
