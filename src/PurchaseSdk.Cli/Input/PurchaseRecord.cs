namespace PurchaseSdk.Cli.Input;

/// <summary>One purchase read from a file: where it starts, the purchase when it could be built, and every problem found.</summary>
/// <param name="Source">The file name as given (or <c>-</c> for standard input).</param>
/// <param name="Line">The 1-based line the purchase starts on.</param>
/// <param name="OrderId">The order id, when one could be read.</param>
/// <param name="Purchase">The purchase; null when it could not be built at all.</param>
/// <param name="Problems">Every problem: parse errors, validation errors (field paths of the <see cref="PurchaseSdk.Purchase"/> model), duplicates.</param>
internal sealed record PurchaseRecord(string Source, int Line, string? OrderId, Purchase? Purchase, IReadOnlyList<InputProblem> Problems)
{
    public bool IsValid => Purchase is not null && Problems.Count == 0;
}

/// <summary>One problem of a purchase: the line it is on, the field path and what is wrong.</summary>
internal sealed record InputProblem(int Line, string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
