using FsCheck;
using FsCheck.Fluent;

namespace PurchaseSdk.Tests.Core;

/// <summary>ISO 4217 exponents and exact major/minor unit conversion (DESIGN.md §4: never round).</summary>
public sealed class CurrenciesTests
{
    [TestCase("USD", 15.50, 1550L)]
    [TestCase("usd", 0.01, 1L)]
    [TestCase("JPY", 1500, 1500L)]
    [TestCase("KWD", 1.234, 1234L)]
    [TestCase("BHD", 0.005, 5L)]
    [TestCase("CLF", 1.2345, 12345L)]
    [TestCase("EUR", 0, 0L)]
    public void Major_units_convert_to_minor_units_exactly(string currency, decimal amount, long expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Currencies.ToMinorUnits(amount, currency), Is.EqualTo(expected));
            Assert.That(Currencies.FromMinorUnits(expected, currency), Is.EqualTo(amount));
        });
    }

    [TestCase("USD", 15.505)]
    [TestCase("JPY", 1500.5)]
    [TestCase("KWD", 1.2345)]
    [TestCase("EUR", 0.001)]
    public void An_amount_with_more_decimals_than_the_currency_allows_is_refused_not_rounded(string currency, decimal amount)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Currencies.TryToMinorUnits(amount, currency, out _), Is.False);
            Assert.That(Currencies.HasValidPrecision(amount, currency), Is.False);
            var error = Assert.Throws<ArgumentException>(() => Currencies.ToMinorUnits(amount, currency));
            Assert.That(error!.Message, Does.Contain("allows"));
        });
    }

    [Test]
    public void Trailing_zeros_are_not_extra_decimals()
    {
        Assert.That(Currencies.ToMinorUnits(15.5000m, "USD"), Is.EqualTo(1550));
    }

    [TestCase("USD", 2)]
    [TestCase("JPY", 0)]
    [TestCase("KRW", 0)]
    [TestCase("KWD", 3)]
    [TestCase("TND", 3)]
    [TestCase("GBP", 2)]
    [TestCase("UYW", 4)]
    public void Exponents_follow_ISO_4217(string currency, int exponent)
    {
        Assert.That(Currencies.GetExponent(currency), Is.EqualTo(exponent));
    }

    [TestCase("XYZ")]
    [TestCase("XAU")]
    [TestCase("")]
    [TestCase("US")]
    public void Unknown_codes_are_refused(string code)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Currencies.IsKnown(code), Is.False);
            Assert.That(Currencies.TryToMinorUnits(1m, code, out _), Is.False);
            Assert.Throws<ArgumentException>(() => Currencies.GetExponent(code));
        });
    }

    [Test]
    public void An_amount_too_large_for_minor_units_is_refused()
    {
        Assert.That(Currencies.TryToMinorUnits(decimal.MaxValue, "USD", out _), Is.False);
    }

    private static Arbitrary<string> CurrencyCodes() => Gen.Elements(Currencies.Codes.ToArray()).ToArbitrary();

    [FsCheck.NUnit.Property]
    public Property Minor_units_round_trip_through_major_units_in_every_currency(long minorUnits) =>
        Prop.ForAll(CurrencyCodes(), code =>
        {
            var major = Currencies.FromMinorUnits(minorUnits, code);
            return Currencies.TryToMinorUnits(major, code, out var back) && back == minorUnits;
        });

    [FsCheck.NUnit.Property]
    public Property One_more_decimal_than_the_currency_allows_is_always_refused(long minorUnits, PositiveInt extraDigit) =>
        Prop.ForAll(CurrencyCodes(), code =>
        {
            var digit = (extraDigit.Get % 9) + 1;
            var exponent = Currencies.GetExponent(code);
            var tooPrecise = Currencies.FromMinorUnits(minorUnits, code) + (digit / (decimal)Math.Pow(10, exponent + 1));
            return !Currencies.TryToMinorUnits(tooPrecise, code, out _);
        });
}
