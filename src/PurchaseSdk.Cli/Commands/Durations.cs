using System.CommandLine.Parsing;
using System.Globalization;

namespace PurchaseSdk.Cli.Commands;

/// <summary>Durations on the command line: <c>30d</c>, <c>12h</c>, <c>90m</c>, <c>45s</c>, or <c>d.hh:mm:ss</c>.</summary>
internal static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var unit = char.ToLowerInvariant(text[^1]);
        if (unit is 'd' or 'h' or 'm' or 's' && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            value = unit switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
            return value > TimeSpan.Zero;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
    }

    /// <summary>A System.CommandLine parser for a positive duration.</summary>
    public static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (TryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration; write for example 30d, 12h, 90m or 45s.");
        return null;
    }
}
