using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurchaseSdk.Json;

/// <summary>
/// Reads a string property that may arrive as a number or a boolean (documents that say "string" while examples
/// send <c>0</c>), or even as an object or array (kept as its raw JSON text). Writes a string.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => RawText(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.StartObject or JsonTokenType.StartArray => RawJson(ref reader),
        _ => throw new JsonException($"Expected a string or a number, got {reader.TokenType}."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    /// <inheritdoc />
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() ?? string.Empty;

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }

    private static string RawJson(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    private static string RawText(ref Utf8JsonReader reader) =>
        System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
}

/// <summary>
/// The shared reading of a number that may arrive as a JSON number or a string (<c>0</c>, <c>"0"</c>, <c>"12.50"</c>),
/// with an empty string read as null. Writes a JSON number.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
internal abstract class LenientNumberConverter<T> : JsonConverter<T?>
    where T : struct
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return ReadNumber(ref reader);
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                return TryParse(text.Trim(), out var value) ? value : throw new JsonException($"'{text}' is not a {Describe}.");
            default:
                throw new JsonException($"Expected a number or a string, got {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            WriteNumber(writer, number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>What the number is, for messages (for example <c>whole number</c>).</summary>
    protected abstract string Describe { get; }

    /// <summary>Reads a JSON number token.</summary>
    protected abstract T ReadNumber(ref Utf8JsonReader reader);

    /// <summary>Parses the text of a string token.</summary>
    protected abstract bool TryParse(string text, out T value);

    /// <summary>Writes the number.</summary>
    protected abstract void WriteNumber(Utf8JsonWriter writer, T value);
}

/// <summary>Reads a decimal sent as a JSON number or a string; writes a JSON number.</summary>
internal sealed class LenientDecimalConverter : LenientNumberConverter<decimal>
{
    /// <inheritdoc />
    protected override string Describe => "number";

    /// <inheritdoc />
    protected override decimal ReadNumber(ref Utf8JsonReader reader) => reader.GetDecimal();

    /// <inheritdoc />
    protected override bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);

    /// <inheritdoc />
    protected override void WriteNumber(Utf8JsonWriter writer, decimal value) => writer.WriteNumberValue(value);
}

/// <summary>Reads a whole number sent as a JSON number (even <c>3.0</c>) or a string; writes a JSON number.</summary>
internal sealed class LenientInt64Converter : LenientNumberConverter<long>
{
    /// <inheritdoc />
    protected override string Describe => "whole number";

    /// <inheritdoc />
    protected override long ReadNumber(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out var whole))
        {
            return whole;
        }

        var number = reader.GetDecimal();
        return number == decimal.Truncate(number) ? (long)number : throw new JsonException($"{number} is not a whole number.");
    }

    /// <inheritdoc />
    protected override bool TryParse(string text, out long value) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <inheritdoc />
    protected override void WriteNumber(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);
}
