using System.Text.Json;
using PurchaseSdk.Rundl;

namespace PurchaseSdk.Tests.Rundl;

/// <summary>
/// Rundl's loose wire (providers.md §2.8): <c>/Date(ms±zzzz)/</c> dates, numbers documented as strings, strings sent as
/// numbers, and null anywhere optional. The seed's example answer (001) must read completely.
/// </summary>
public sealed class RundlWireToleranceTests
{
    private static RundlCheckout Read(string json) => JsonSerializer.Deserialize(json, RundlJsonContext.Default.RundlCheckout)!;

    [Test]
    public void The_seed_answer_deserializes_completely()
    {
        var checkout = Read(Seed.Read("Rundl/create-checkout.response.json"));

        Assert.Multiple(() =>
        {
            Assert.That(checkout.Id, Is.EqualTo(30799601));
            Assert.That(checkout.ObjectType, Is.EqualTo("checkout"));
            Assert.That(checkout.Buyer!.GlobalType, Is.Zero);
            Assert.That(checkout.Buyer.Id, Is.EqualTo(17357980));
            Assert.That(checkout.Buyer.Name, Is.EqualTo("World Conveyancing"));
            Assert.That(checkout.CreatedDate, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1532940986653)));
            Assert.That(checkout.CreatedDate!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(checkout.Currency, Is.EqualTo("AUD"));
            Assert.That(checkout.Items, Has.Count.EqualTo(1));
            Assert.That(checkout.ItemsTotalPrice, Is.EqualTo(0m));
            Assert.That(checkout.PaymentAccountTypes, Is.EqualTo(new[] { "credit_card", "manual" }));
            Assert.That(checkout.PaymentToken, Is.Null);
            Assert.That(checkout.ProductOrder, Is.Null);
            Assert.That(checkout.Related, Is.Null);
            Assert.That(checkout.Rundl, Is.Null);
            Assert.That(checkout.Seller!.GlobalType, Is.Zero);
            Assert.That(checkout.Seller.Id, Is.EqualTo(286896));
            Assert.That(checkout.Seller.Name, Is.EqualTo("Rundl Pty Ltd"));
            Assert.That(checkout.Service, Is.EqualTo(30798101));
            Assert.That(checkout.Status, Is.EqualTo("0"));
            Assert.That(checkout.TotalPrice, Is.EqualTo(0m));
            Assert.That(checkout.TotalTax, Is.EqualTo(0m));
        });
        var item = checkout.Items![0];
        Assert.Multiple(() =>
        {
            Assert.That(item.Amount, Is.EqualTo(0m));
            Assert.That(item.Data, Is.Null);
            Assert.That(item.Product!.Id, Is.EqualTo(30798131));
            Assert.That(item.Product.ObjectType, Is.EqualTo("product"));
            Assert.That(item.Product.Currency, Is.EqualTo("AUD"));
            Assert.That(item.Product.Name, Is.EqualTo("kzi68b4 hosted rundl"));
            Assert.That(item.Product.Price, Is.EqualTo(0m));
            Assert.That(item.Quantity, Is.EqualTo(1));
            Assert.That(item.Reference, Is.Null);
            Assert.That(item.TaxAmount, Is.EqualTo(0m));
            Assert.That(item.TaxId, Is.EqualTo(30734732));
            Assert.That(item.TaxLines, Has.Count.EqualTo(1));
            Assert.That(item.TaxLines![0].Amount, Is.EqualTo(0m));
            Assert.That(item.TaxLines[0].Name, Is.EqualTo("GST"));
            Assert.That(item.TaxStatus, Is.EqualTo(1));
        });
    }

    [TestCase("\"/Date(1532940986653+0000)/\"", 1532940986653L, 0)]
    [TestCase("\"/Date(1585811350941)/\"", 1585811350941L, 0)]
    [TestCase("\"\\/Date(1581998394354+0000)\\/\"", 1581998394354L, 0)]
    [TestCase("\"/Date(1581998394354+1000)/\"", 1581998394354L, 600)]
    [TestCase("\"/Date(1581998394354-0530)/\"", 1581998394354L, -330)]
    [TestCase("\"/Date(-1000)/\"", -1000L, 0)]
    [TestCase("\"2020-02-18T03:59:54.354Z\"", 1581998394354L, 0)]
    public void Every_date_form_reads_as_the_same_instant(string json, long milliseconds, int offsetMinutes)
    {
        var checkout = Read("{\"created_date\":" + json + "}");

        Assert.Multiple(() =>
        {
            Assert.That(checkout.CreatedDate!.Value.ToUnixTimeMilliseconds(), Is.EqualTo(milliseconds));
            Assert.That(checkout.CreatedDate.Value.Offset, Is.EqualTo(TimeSpan.FromMinutes(offsetMinutes)));
        });
    }

    [Test]
    public void A_date_round_trips_with_its_offset()
    {
        var value = new DateTimeOffset(2018, 7, 30, 18, 56, 26, 653, TimeSpan.FromHours(10));

        var text = RundlDateConverter.Format(value);
        Assert.That(RundlDateConverter.TryParse(text, out var back), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("/Date(1532940986653+1000)/"));
            Assert.That(back, Is.EqualTo(value));
            Assert.That(back.Offset, Is.EqualTo(value.Offset));
        });
    }

    [TestCase("/Date(abc)/")]
    [TestCase("/Date(1+00)/")]
    [TestCase("/Date(1+2500)/")]
    [TestCase("yesterday")]
    public void A_malformed_date_is_refused(string text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(RundlDateConverter.TryParse(text, out _), Is.False);
            Assert.Throws<JsonException>(() => Read("{\"created_date\":\"" + text + "\"}"));
        });
    }

    [Test]
    public void Numbers_as_strings_strings_as_numbers_and_nulls_are_all_read()
    {
        var checkout = Read("""
            {"id":"30799601","status":2,"total_price":"12.50","total_tax":"","items_total_price":null,"currency":null,
             "buyer":{"id":"17357980","global_type":"0","name":12345},
             "items":[{"product":{"id":"30798131","price":"9.95","name":null},"quantity":"3","amount":"29.85","tax_id":null,"tax_status":"1","tax_lines":null,"reference":["a"],"data":7}],
             "payment_account_types":null,"created_date":null}
            """);

        var item = checkout.Items![0];
        Assert.Multiple(() =>
        {
            Assert.That(checkout.Id, Is.EqualTo(30799601));
            Assert.That(checkout.Status, Is.EqualTo("2"));
            Assert.That(checkout.TotalPrice, Is.EqualTo(12.50m));
            Assert.That(checkout.TotalTax, Is.Null);
            Assert.That(checkout.ItemsTotalPrice, Is.Null);
            Assert.That(checkout.CreatedDate, Is.Null);
            Assert.That(checkout.Buyer!.Id, Is.EqualTo(17357980));
            Assert.That(checkout.Buyer.Name, Is.EqualTo("12345"));
            Assert.That(item.Product!.Price, Is.EqualTo(9.95m));
            Assert.That(item.Quantity, Is.EqualTo(3));
            Assert.That(item.Amount, Is.EqualTo(29.85m));
            Assert.That(item.TaxStatus, Is.EqualTo(1));
            Assert.That(item.Reference!.Value.GetArrayLength(), Is.EqualTo(1));
            Assert.That(item.Data!.Value.GetInt32(), Is.EqualTo(7));
        });
    }
}
