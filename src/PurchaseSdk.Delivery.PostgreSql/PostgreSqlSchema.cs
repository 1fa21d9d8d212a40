using System.Text.RegularExpressions;

namespace PurchaseSdk.Delivery.PostgreSql;

/// <summary>
/// The store's schema: the SQL script of the current version (the packaged <c>sql/purchasesdk-delivery-postgresql.sql</c>,
/// embedded: one source for the automatic creation, the package and the README), and the rules for a schema name.
/// </summary>
internal static partial class PostgreSqlSchema
{
    /// <summary>The schema version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The file name of the script in the package (under <c>sql/</c>).</summary>
    public const string ScriptFileName = "purchasesdk-delivery-postgresql.sql";

    /// <summary>True when <paramref name="schema"/> may name the store's schema (a lower-case identifier; reserved words are refused at start).</summary>
    public static bool IsValidName(string? schema) => schema is not null && Identifier().IsMatch(schema);

    /// <summary>The notification channel of the store in <paramref name="schema"/>.</summary>
    public static string Channel(string schema) => schema + "_due";

    /// <summary>The script that creates version <see cref="CurrentVersion"/> of the schema in an empty database.</summary>
    /// <remarks>
    /// The packaged <c>sql/</c> script, embedded in the assembly, is the one source: it names the schema
    /// <c>purchasesdk</c>, and every identifier that starts with that name (the schema, its tables' qualifier, the
    /// notification channel) is renamed to <paramref name="schema"/>, which <see cref="IsValidName"/> has checked.
    /// </remarks>
    public static string Script(string schema) => DefaultName().Replace(DefaultScript.Value, schema);

    private static readonly Lazy<string> DefaultScript = new(static () =>
    {
        using var stream = typeof(PostgreSqlSchema).Assembly.GetManifestResourceStream(ScriptFileName)
            ?? throw new InvalidOperationException($"The schema script {ScriptFileName} is not embedded in {typeof(PostgreSqlSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    });

    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    /// <summary>The default schema name where it starts an identifier (<c>purchasesdk.</c>, <c>purchasesdk_due</c>), never inside a word.</summary>
    [GeneratedRegex("(?<![A-Za-z0-9_])purchasesdk(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DefaultName();
}
