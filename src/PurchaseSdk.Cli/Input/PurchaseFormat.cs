namespace PurchaseSdk.Cli.Input;

/// <summary>How a purchase file is laid out.</summary>
internal enum PurchaseFormat
{
    /// <summary>One purchase as a JSON object (a <c>.json</c> file, or standard input).</summary>
    Json,

    /// <summary>One purchase per line (JSON Lines: <c>.jsonl</c>, <c>.ndjson</c>, or any other extension).</summary>
    JsonLines,

    /// <summary>One line item per row, rows of one order together (<c>.csv</c> or <c>--csv</c>).</summary>
    Csv,
}
