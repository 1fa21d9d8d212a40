namespace PurchaseSdk;

/// <summary>One problem found in a <see cref="Purchase"/>.</summary>
/// <param name="Path">The field path, such as <c>Lines[2].UnitPrice</c>.</param>
/// <param name="Message">What is wrong, in a sentence.</param>
public sealed record PurchaseValidationError(string Path, string Message)
{
    /// <summary>Formats the problem as <c>Path: Message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
