namespace PurchaseSdk.ElasticPath;

/// <summary>Builds Elastic Path list filters.</summary>
public static class ElasticPathFilter
{
    private static readonly System.Buffers.SearchValues<char> SyntaxCharacters = System.Buffers.SearchValues.Create(",():| \"'");

    /// <summary>
    /// <c>eq(field,value)</c>, with the value quoted when it holds a character that the filter syntax uses
    /// (a comma, parenthesis, colon, pipe, space or quote).
    /// </summary>
    public static string Equal(string field, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentNullException.ThrowIfNull(value);
        var needsQuotes = value.AsSpan().IndexOfAny(SyntaxCharacters) >= 0;
        return needsQuotes ? $"eq({field},\"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\")" : $"eq({field},{value})";
    }
}
