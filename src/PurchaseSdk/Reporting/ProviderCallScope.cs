namespace PurchaseSdk;

/// <summary>
/// The ambient record of one provider's part of a report: the HTTP pipeline counts its attempts here, whatever
/// number of requests the provider sends (a token request, several checkouts, a look-up).
/// </summary>
internal sealed class ProviderCallScope : IDisposable
{
    private static readonly AsyncLocal<ProviderCallScope?> CurrentScope = new();
    private readonly ProviderCallScope? _previous;
    private int _attempts;

    private ProviderCallScope(ProviderCallScope? previous) => _previous = previous;

    public static ProviderCallScope? Current => CurrentScope.Value;

    public int Attempts => Volatile.Read(ref _attempts);

    public static ProviderCallScope Begin()
    {
        var scope = new ProviderCallScope(CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    public void RecordAttempt() => Interlocked.Increment(ref _attempts);

    public void Dispose() => CurrentScope.Value = _previous;
}
