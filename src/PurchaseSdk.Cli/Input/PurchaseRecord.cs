namespace PurchaseSdk.Cli.Input;

/// <summary>One purchase read from a file: where it starts, the purchase when it could be built, and every problem found.</summary>
internal sealed class PurchaseRecord
{
    public PurchaseRecord(string source, int line, string? orderId, Purchase? purchase, IReadOnlyList<InputProblem> problems)
    {
        Source = source;
        Line = line;
        OrderId = orderId;
        Purchase = purchase;
        Problems = problems;
    }

    /// <summary>The file name as given (or <c>-</c> for standard input).</summary>
    public string Source { get; }

    /// <summary>The 1-based line the purchase starts on.</summary>
    public int Line { get; }

    /// <summary>The order id, when one could be read.</summary>
    public string? OrderId { get; }

    /// <summary>The purchase; null when it could not be built at all.</summary>
    public Purchase? Purchase { get; }

    /// <summary>Every problem: parse errors, validation errors (field paths of the <see cref="PurchaseSdk.Purchase"/> model), duplicates.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }

    public bool IsValid => Purchase is not null && Problems.Count == 0;
}

/// <summary>One problem of a purchase: the line it is on, the field path and what is wrong.</summary>
internal sealed record InputProblem(int Line, string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
