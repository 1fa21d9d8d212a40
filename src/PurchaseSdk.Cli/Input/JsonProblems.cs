using System.Text;
using System.Text.Json;

namespace PurchaseSdk.Cli.Input;

/// <summary>Turns System.Text.Json's exceptions into a field path and a sentence for people.</summary>
internal static class JsonProblems
{
    /// <summary><c>$.lines[0].unitPrice</c> → <c>Lines[0].UnitPrice</c>: the model's names, as the validator reports them.</summary>
    public static string FieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return string.Empty;
        }

        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        var result = new StringBuilder(path.Length);
        var startOfName = true;
        foreach (var c in path)
        {
            result.Append(startOfName ? char.ToUpperInvariant(c) : c);
            startOfName = c == '.';
        }

        return result.ToString();
    }

    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "is not a known field (names: the Purchase model's, in camelCase; see the README's purchase format).";
        }

        if (message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal))
        {
            return Friendly(message) is { } expected ? $"has the wrong type (expected {expected})." : "has a value of the wrong type.";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var start = message.IndexOf("including: ", StringComparison.Ordinal);
            var names = start < 0 ? string.Empty : message[(start + "including: ".Length)..].TrimEnd('.');
            return $"misses required fields: {names}.";
        }

        // Syntax errors: the reader's message up to its own position details, which the caller reports as the line.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return "is not valid JSON: " + (cut > 0 ? message[..cut] : message);
    }

    private static string? Friendly(string message)
    {
        static bool Has(string message, string type) => message.Contains(type, StringComparison.Ordinal);
        return Has(message, "System.Decimal") ? "a number"
            : Has(message, "System.Int32") || Has(message, "System.Int64") ? "a whole number"
            : Has(message, "System.String") ? "a string"
            : Has(message, "Dictionary") ? "an object of names to strings"
            : Has(message, "List") || Has(message, "IReadOnlyList") ? "an array"
            : Has(message, "Boolean") ? "true or false"
            : null;
    }

    /// <summary>The 1-based line of <paramref name="exception"/> within a document starting on <paramref name="firstLine"/>.</summary>
    public static int Line(JsonException exception, int firstLine) =>
        firstLine + (int)(exception.LineNumber ?? 0);
}
