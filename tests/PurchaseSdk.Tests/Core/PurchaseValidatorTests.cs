namespace PurchaseSdk.Tests.Core;

/// <summary>Validation before anything is sent: every problem at once, each with its field path.</summary>
public sealed class PurchaseValidatorTests
{
    /// <summary>Order "1": one line "a" at <paramref name="unitPrice"/> in <paramref name="currency"/>, with <paramref name="tax"/> and <paramref name="discount"/>.</summary>
    private static Purchase OneLine(decimal unitPrice, string currency = "USD", decimal tax = 0m, decimal discount = 0m) => new()
    {
        OrderId = "1",
        Currency = currency,
        Lines = [new PurchaseLine { Name = "a", UnitPrice = unitPrice }],
        Tax = tax,
        Discount = discount,
    };

    [Test]
    public void The_seed_purchases_are_valid()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PurchaseValidator.Validate(Purchases.KitSeed()), Is.Empty);
            Assert.That(PurchaseValidator.Validate(Purchases.Simple()), Is.Empty);
        });
    }

    [Test]
    public void Subtotal_and_total_are_computed_when_not_given()
    {
        var purchase = new Purchase
        {
            OrderId = "1",
            Currency = "USD",
            Lines = [new PurchaseLine { Name = "a", Quantity = 3, UnitPrice = 1.10m }, new PurchaseLine { Name = "b", UnitPrice = 2.05m }],
            Tax = 0.50m,
            Shipping = 4m,
            Discount = 1m,
        };

        Assert.Multiple(() =>
        {
            Assert.That(purchase.Subtotal, Is.EqualTo(5.35m));
            Assert.That(purchase.Total, Is.EqualTo(8.85m));
            Assert.That(purchase.IsSubtotalSpecified, Is.False);
            Assert.That(purchase.IsTotalSpecified, Is.False);
        });
    }

    [Test]
    public void Every_problem_is_reported_together_with_its_field_path()
    {
        var purchase = new Purchase
        {
            OrderId = " ",
            Currency = "USD",
            Tax = -1m,
            Lines =
            [
                new PurchaseLine { Name = "ok", UnitPrice = 1m },
                new PurchaseLine { Name = "", Quantity = 0, UnitPrice = 1m },
                new PurchaseLine { Name = "cents", UnitPrice = 15.505m },
            ],
        };

        var error = Assert.Throws<PurchaseValidationException>(() => PurchaseValidator.EnsureValid(purchase))!;

        Assert.That(error.Errors.Select(e => e.Path), Is.EquivalentTo(new[]
        {
            "OrderId", "Lines[1].Name", "Lines[1].Quantity", "Lines[2].UnitPrice", "Tax",
        }));
        Assert.That(error.Message, Does.Contain("Lines[2].UnitPrice: 15.505 has more decimals than USD allows (2)"));
    }

    [Test]
    public void No_lines_and_an_unknown_currency_are_refused()
    {
        var errors = PurchaseValidator.Validate(new Purchase { OrderId = "1", Currency = "ABC" });

        Assert.That(errors.Select(e => e.ToString()), Is.EquivalentTo(new[]
        {
            "Currency: 'ABC' is not a known ISO 4217 currency code.",
            "Lines: at least one line is required.",
        }));
    }

    [Test]
    public void A_given_total_must_match_lines_plus_tax_plus_shipping_minus_discount()
    {
        var purchase = OneLine(10m, tax: 1m, discount: 2m).WithGivenAmounts(subtotal: null, total: 10m);

        var error = PurchaseValidator.Validate(purchase).Single();

        Assert.Multiple(() =>
        {
            Assert.That(error.Path, Is.EqualTo("Total"));
            Assert.That(error.Message, Is.EqualTo("is 10 but subtotal + tax + shipping − discount is 9."));
        });
    }

    [Test]
    public void A_given_subtotal_must_match_the_lines()
    {
        var purchase = new Purchase
        {
            OrderId = "1",
            Currency = "EUR",
            Lines = [new PurchaseLine { Name = "a", Quantity = 2, UnitPrice = 10m }],
            Subtotal = 25m,
        };

        Assert.That(PurchaseValidator.Validate(purchase).Select(e => e.Path), Is.EqualTo(new[] { "Subtotal" }));
    }

    [Test]
    public void A_discount_larger_than_the_order_makes_a_negative_total_which_is_refused()
    {
        var purchase = OneLine(1m, discount: 3m);

        Assert.That(PurchaseValidator.Validate(purchase).Single().Path, Is.EqualTo("Total"));
    }

    [TestCase("JPY", 1500.5, false)]
    [TestCase("JPY", 1500, true)]
    [TestCase("KWD", 1.234, true)]
    [TestCase("KWD", 1.2345, false)]
    public void Decimals_are_checked_against_the_currency(string currency, decimal price, bool valid)
    {
        var purchase = OneLine(price, currency);

        Assert.That(PurchaseValidator.Validate(purchase), valid ? Is.Empty : Is.Not.Empty);
    }

    [Test]
    public void Huge_amounts_are_reported_not_thrown()
    {
        var purchase = new Purchase
        {
            OrderId = "1",
            Currency = "USD",
            Lines = [new PurchaseLine { Name = "a", Quantity = int.MaxValue, UnitPrice = 10_000_000_000_000m }],
        };

        Assert.That(PurchaseValidator.Validate(purchase).Single().Path, Is.EqualTo("Lines[0]"));
    }
}
