using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PurchaseSdk;

/// <summary>
/// ISO 4217 currency codes and their minor-unit exponents, with exact conversions between decimal major units
/// and integer minor units (cents, fils, yen).
/// </summary>
/// <remarks>
/// A conversion never rounds: <c>15.505</c> USD has no exact number of cents, so it is refused rather than sent as
/// 1550 or 1551. Codes are matched case-insensitively.
/// </remarks>
public static class Currencies
{
    // ISO 4217 active codes (list as published by SIX, amendment 179) by minor-unit exponent.
    // Funds codes (BOV, CHE, CHW, COU, MXV, USN, UYI, UYW, CLF) are included; metals and testing codes
    // (XAU, XAG, XPT, XPD, XTS, XXX ...) have no minor unit and are not money for a purchase.
    private static readonly string[] Exponent0 =
    [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
        "XOF", "XPF",
    ];

    private static readonly string[] Exponent3 = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

    private static readonly string[] Exponent4 = ["CLF", "UYW"];

    private static readonly string[] Exponent2 =
    [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD",
        "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CNY",
        "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP",
        "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR",
        "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA",
        "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO",
        "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD",
        "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS",
        "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USN", "UZS", "VED", "VES", "WST", "XCD", "XCG",
        "YER", "ZAR", "ZMW", "ZWG",
    ];

    private static readonly FrozenDictionary<string, int> Exponents = BuildTable();

    private static readonly decimal[] PowersOfTen = [1m, 10m, 100m, 1000m, 10000m];

    /// <summary>All known currency codes, upper-case.</summary>
    public static IEnumerable<string> Codes => Exponents.Keys;

    /// <summary>Whether <paramref name="code"/> is a known ISO 4217 currency code.</summary>
    public static bool IsKnown([NotNullWhen(true)] string? code) => code is not null && Exponents.ContainsKey(code);

    /// <summary>Gets the number of minor-unit digits of <paramref name="code"/> (USD 2, JPY 0, KWD 3).</summary>
    public static bool TryGetExponent([NotNullWhen(true)] string? code, out int exponent)
    {
        if (code is not null && Exponents.TryGetValue(code, out exponent))
        {
            return true;
        }

        exponent = 0;
        return false;
    }

    /// <summary>Gets the number of minor-unit digits of <paramref name="code"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not a known ISO 4217 code.</exception>
    public static int GetExponent(string code) =>
        TryGetExponent(code, out var exponent)
            ? exponent
            : throw new ArgumentException($"'{code}' is not a known ISO 4217 currency code.", nameof(code));

    /// <summary>Whether <paramref name="amount"/> has no more decimals than <paramref name="code"/> allows.</summary>
    public static bool HasValidPrecision(decimal amount, string code) => TryToMinorUnits(amount, code, out _);

    /// <summary>
    /// Converts <paramref name="amount"/> in major units to integer minor units, exactly. Returns false when the
    /// code is unknown, the amount has more decimals than the currency allows, or the result does not fit a
    /// <see cref="long"/>.
    /// </summary>
    public static bool TryToMinorUnits(decimal amount, string? code, out long minorUnits)
    {
        minorUnits = 0;
        if (!TryGetExponent(code, out var exponent))
        {
            return false;
        }

        decimal scaled;
        try
        {
            scaled = amount * PowersOfTen[exponent];
        }
        catch (OverflowException)
        {
            return false;
        }

        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            return false;
        }

        minorUnits = (long)scaled;
        return true;
    }

    /// <summary>Converts <paramref name="amount"/> in major units to integer minor units, exactly.</summary>
    /// <exception cref="ArgumentException">
    /// The code is unknown, or the amount has more decimals than the currency allows (it is never rounded).
    /// </exception>
    public static long ToMinorUnits(decimal amount, string code)
    {
        var exponent = GetExponent(code);
        return TryToMinorUnits(amount, code, out var minorUnits)
            ? minorUnits
            : throw new ArgumentException(
                $"{amount} {code.ToUpperInvariant()} cannot be expressed exactly in minor units: {code.ToUpperInvariant()} allows {exponent} decimal(s).",
                nameof(amount));
    }

    /// <summary>Converts integer minor units of <paramref name="code"/> back to major units, exactly.</summary>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not a known ISO 4217 code.</exception>
    public static decimal FromMinorUnits(long minorUnits, string code)
    {
        // Dividing by a power of ten is exact in decimal: 1550 / 100 is 15.5, never 15.4999.
        return minorUnits / PowersOfTen[GetExponent(code)];
    }

    private static FrozenDictionary<string, int> BuildTable()
    {
        var table = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in Exponent0)
        {
            table.Add(code, 0);
        }

        foreach (var code in Exponent2)
        {
            table.Add(code, 2);
        }

        foreach (var code in Exponent3)
        {
            table.Add(code, 3);
        }

        foreach (var code in Exponent4)
        {
            table.Add(code, 4);
        }

        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
