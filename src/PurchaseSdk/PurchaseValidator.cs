using System.Globalization;

namespace PurchaseSdk;

/// <summary>
/// Checks a <see cref="Purchase"/> before anything is sent. <see cref="IPurchaseReporter"/> runs it for you; call it
/// directly to check a purchase up front.
/// </summary>
public static class PurchaseValidator
{
    /// <summary>Returns every problem of <paramref name="purchase"/>; an empty list means it is valid.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="purchase"/> is null.</exception>
    public static IReadOnlyList<PurchaseValidationError> Validate(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        var errors = new List<PurchaseValidationError>();

        if (string.IsNullOrWhiteSpace(purchase.OrderId))
        {
            errors.Add(new("OrderId", "is required."));
        }

        var currency = purchase.Currency;
        var currencyKnown = Currencies.IsKnown(currency);
        if (string.IsNullOrWhiteSpace(currency))
        {
            errors.Add(new("Currency", "is required (an ISO 4217 code such as USD)."));
        }
        else if (!currencyKnown)
        {
            errors.Add(new("Currency", $"'{currency}' is not a known ISO 4217 currency code."));
        }

        if (purchase.Properties is null)
        {
            errors.Add(new("Properties", "must not be null (leave it unset for none)."));
        }

        if (purchase.Contexts is null)
        {
            errors.Add(new("Contexts", "must not be null (leave it unset for none)."));
        }

        if (purchase.OccurredAt is { } occurredAt && occurredAt == default)
        {
            errors.Add(new("OccurredAt", "is not set to a real time (it is default(DateTimeOffset), year 1); leave it null to use the time of the report."));
        }

        decimal? subtotal = ValidateLines(purchase, currencyKnown ? currency : null, errors);

        CheckAmount("Tax", purchase.Tax, currencyKnown ? currency : null, errors);
        CheckAmount("Shipping", purchase.Shipping, currencyKnown ? currency : null, errors);
        CheckAmount("Discount", purchase.Discount, currencyKnown ? currency : null, errors);

        if (purchase.IsSubtotalSpecified)
        {
            var given = purchase.Subtotal;
            if (CheckAmount("Subtotal", given, currencyKnown ? currency : null, errors) && subtotal is { } sum && given != sum)
            {
                errors.Add(new("Subtotal", $"is {Format(given)} but the lines add up to {Format(sum)}."));
            }

            subtotal = given;
        }

        if (subtotal is { } baseAmount)
        {
            ValidateTotal(purchase, baseAmount, currencyKnown ? currency : null, errors);
        }

        return errors;
    }

    /// <summary>Throws <see cref="PurchaseValidationException"/> listing every problem, if there is any.</summary>
    /// <exception cref="PurchaseValidationException"><paramref name="purchase"/> is invalid.</exception>
    public static void EnsureValid(Purchase purchase)
    {
        var errors = Validate(purchase);
        if (errors.Count > 0)
        {
            throw new PurchaseValidationException(errors);
        }
    }

    private static decimal? ValidateLines(Purchase purchase, string? currency, List<PurchaseValidationError> errors)
    {
        var lines = purchase.Lines;
        if (lines is null || lines.Count == 0)
        {
            errors.Add(new("Lines", "at least one line is required."));
            return lines is null ? null : 0m;
        }

        decimal? sum = 0m;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line is null)
            {
                errors.Add(new(LinePath(i, null), "must not be null."));
                sum = null;
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Name))
            {
                errors.Add(new(LinePath(i, ".Name"), "is required."));
            }

            if (line.Properties is null)
            {
                errors.Add(new(LinePath(i, ".Properties"), "must not be null (leave it unset for none)."));
            }

            if (line.Quantity < 1)
            {
                errors.Add(new(LinePath(i, ".Quantity"), string.Create(CultureInfo.InvariantCulture, $"must be at least 1 (was {line.Quantity}).")));
            }

            var priceValid = CheckAmount(line.UnitPrice, currency, errors, i, ".UnitPrice");
            if (!priceValid || line.Quantity < 1 || sum is null)
            {
                sum = null;
                continue;
            }

            try
            {
                var lineTotal = line.UnitPrice * line.Quantity;
                sum = checked(sum.Value + lineTotal);
                if (currency is not null && !Currencies.TryToMinorUnits(lineTotal, currency, out _))
                {
                    errors.Add(new(LinePath(i, null), "the line total is too large to express in minor units."));
                    sum = null;
                }
            }
            catch (OverflowException)
            {
                errors.Add(new(LinePath(i, null), "the line total is too large."));
                sum = null;
            }
        }

        return sum;
    }

    private static void ValidateTotal(Purchase purchase, decimal subtotal, string? currency, List<PurchaseValidationError> errors)
    {
        decimal expected;
        try
        {
            expected = subtotal + purchase.Tax + purchase.Shipping - purchase.Discount;
        }
        catch (OverflowException)
        {
            errors.Add(new("Total", "is too large."));
            return;
        }

        if (purchase.IsTotalSpecified)
        {
            var given = purchase.Total;
            if (CheckAmount("Total", given, currency, errors) && given != expected)
            {
                errors.Add(new(
                    "Total",
                    $"is {Format(given)} but subtotal + tax + shipping − discount is {Format(expected)}."));
            }
        }
        else if (expected < 0)
        {
            errors.Add(new("Total", $"must not be negative (subtotal + tax + shipping − discount is {Format(expected)})."));
        }
        else if (currency is not null && !Currencies.TryToMinorUnits(expected, currency, out _))
        {
            errors.Add(new("Total", "is too large to express in minor units."));
        }
    }

    // Paths are built only for problems: a valid purchase allocates no strings.
    private static string LinePath(int index, string? field) =>
        string.Create(CultureInfo.InvariantCulture, $"Lines[{index}]{field}");

    private static bool CheckAmount(decimal amount, string? currency, List<PurchaseValidationError> errors, int line, string field)
    {
        if (amount >= 0 && (currency is null || Currencies.TryToMinorUnits(amount, currency, out _)))
        {
            return true;
        }

        return CheckAmount(LinePath(line, field), amount, currency, errors);
    }

    /// <returns>True when the amount is usable (not negative, exact in the currency).</returns>
    private static bool CheckAmount(string path, decimal amount, string? currency, List<PurchaseValidationError> errors)
    {
        if (amount < 0)
        {
            errors.Add(new(path, $"must not be negative (was {Format(amount)})."));
            return false;
        }

        if (currency is not null && !Currencies.TryToMinorUnits(amount, currency, out _))
        {
            var exponent = Currencies.GetExponent(currency);
            errors.Add(new(
                path,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Format(amount)} has more decimals than {currency.ToUpperInvariant()} allows ({exponent}), or is too large; amounts are never rounded.")));
            return false;
        }

        return true;
    }

    private static string Format(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);
}
