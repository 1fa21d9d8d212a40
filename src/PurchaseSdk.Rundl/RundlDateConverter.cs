using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurchaseSdk.Rundl;

/// <summary>
/// Rundl's dates (https://github.com/Rundl/slate/blob/master/source/includes/_basics.md, "Time stamps"): the WCF form <c>/Date(1532940986653+0000)/</c> (milliseconds since the Unix
/// epoch, then the offset), also without an offset (<c>/Date(1585811350941)/</c>) and with escaped slashes
/// (<c>\/Date(…)\/</c>, which JSON unescapes). ISO 8601, which Rundl plans to adopt, is read too.
/// </summary>
internal sealed class RundlDateConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new JsonException($"A Rundl date is a string, not {reader.TokenType}.");
        return TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not a Rundl date.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    /// <summary>Formats <paramref name="value"/> as <c>/Date(ms±hhmm)/</c>, keeping its offset.</summary>
    public static string Format(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var absolute = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"/Date({value.ToUnixTimeMilliseconds()}{sign}{absolute.Hours:00}{absolute.Minutes:00})/");
    }

    /// <summary>
    /// Parses any of Rundl's date forms. The milliseconds give the instant; the offset, when present, is kept as
    /// the offset of the result (UTC when absent).
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.StartsWith("\\/", StringComparison.Ordinal))
        {
            span = span[1..];
        }

        if (span.EndsWith("\\/", StringComparison.Ordinal))
        {
            span = string.Concat(span[..^2], "/").AsSpan();
        }

        if (!span.StartsWith("/Date(", StringComparison.Ordinal) || !span.EndsWith(")/", StringComparison.Ordinal))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
        }

        var inner = span[6..^2];
        var offsetAt = inner.LastIndexOfAny('+', '-');
        var offset = TimeSpan.Zero;
        if (offsetAt > 0)
        {
            var zone = inner[(offsetAt + 1)..];
            if (zone.Length != 4
                || !int.TryParse(zone[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                || !int.TryParse(zone[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
                || hours > 14 || minutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0);
            if (inner[offsetAt] == '-')
            {
                offset = -offset;
            }

            inner = inner[..offsetAt];
        }

        if (!long.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds < -62_135_596_800_000 || milliseconds > 253_402_300_799_999)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).ToOffset(offset);
        return true;
    }
}
