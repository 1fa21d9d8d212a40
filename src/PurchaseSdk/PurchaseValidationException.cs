namespace PurchaseSdk;

/// <summary>
/// A <see cref="Purchase"/> was refused before anything was sent. <see cref="Errors"/> lists every problem with
/// its field path.
/// </summary>
public sealed class PurchaseValidationException : PurchaseSdkException
{
    /// <summary>Creates the exception from the problems found.</summary>
    public PurchaseValidationException(IReadOnlyList<PurchaseValidationError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, in field order.</summary>
    public IReadOnlyList<PurchaseValidationError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<PurchaseValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return $"The purchase is invalid and nothing was sent ({errors.Count} problem(s)): " +
               string.Join("; ", errors);
    }
}
