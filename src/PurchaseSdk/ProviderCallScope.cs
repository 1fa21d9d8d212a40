namespace PurchaseSdk;

/// <summary>
/// The ambient record of one provider's part of a report, opened by the reporter around
/// <see cref="Providers.IPurchaseProvider.ReportAsync"/>: the call's one deadline, the number of attempts, and the
/// facts the HTTP pipeline records about them (whether a create may have reached the provider without a known
/// answer). Every request, token request, look-up and wait inside the call shares it.
/// </summary>
internal sealed class ProviderCallScope : IDisposable
{
    private static readonly AsyncLocal<ProviderCallScope?> CurrentScope = new();
    private readonly ProviderCallScope? _previous;
    private readonly ITimer? _deadline;
    private readonly CancellationTokenSource? _linked;
    private int _deadlinePassed;
    private int _attempts;
    private int _uncertainCreates;
    private int _acceptedCreates;

    private ProviderCallScope(string provider, TimeSpan? totalTimeout, TimeProvider time, PreviewRecorder? preview, CancellationToken callerToken)
    {
        Preview = preview;
        _previous = CurrentScope.Value;
        Provider = provider;
        CallerToken = callerToken;
        if (totalTimeout is { } timeout && timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            TotalTimeout = timeout;
            Deadline = time.GetUtcNow() + timeout;
            // One source for the caller's token and the deadline; the injected clock's timer cancels it.
            _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
            _deadline = time.CreateTimer(static s => ((ProviderCallScope)s!).OnDeadline(), this, timeout, Timeout.InfiniteTimeSpan);
        }

        Token = _linked?.Token ?? callerToken;
    }

    public static ProviderCallScope? Current => CurrentScope.Value;

    /// <summary>Set for a dry run: requests are recorded here instead of being sent.</summary>
    public PreviewRecorder? Preview { get; }

    /// <summary>The provider the call is for.</summary>
    public string Provider { get; }

    /// <summary>The caller's own token.</summary>
    public CancellationToken CallerToken { get; }

    /// <summary>Cancelled when the caller cancels or the deadline passes; handed to the provider.</summary>
    public CancellationToken Token { get; }

    /// <summary>The provider's <c>TotalTimeout</c>, when it has one.</summary>
    public TimeSpan? TotalTimeout { get; }

    /// <summary>When the call's <c>TotalTimeout</c> ends; null for a provider without one.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>True once the deadline has passed (and the caller did not cancel first).</summary>
    public bool DeadlineReached => Volatile.Read(ref _deadlinePassed) != 0 && !CallerToken.IsCancellationRequested;

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>
    /// True when an attempt of a request that is not safe to repeat may have reached the provider without a known
    /// answer (a timeout, a reset or a 5xx after the request was written). A call that then fails is
    /// <see cref="ProviderOutcomeStatus.Indeterminate"/>, never <see cref="ProviderOutcomeStatus.Failed"/>.
    /// </summary>
    public bool HadUncertainCreate => Volatile.Read(ref _uncertainCreates) > 0;

    /// <summary>Opens the scope of one provider call and makes it current.</summary>
    public static ProviderCallScope Begin(string provider, TimeSpan? totalTimeout, TimeProvider time, CancellationToken callerToken, PreviewRecorder? preview = null)
    {
        var scope = new ProviderCallScope(provider, totalTimeout, time, preview, callerToken);
        CurrentScope.Value = scope;
        return scope;
    }

    public void RecordAttempt() => Interlocked.Increment(ref _attempts);

    public void RecordUncertainCreate() => Interlocked.Increment(ref _uncertainCreates);

    /// <summary>Records that the provider answered a request that is not safe to repeat with success: it recorded something.</summary>
    public void RecordAcceptedCreate() => Interlocked.Increment(ref _acceptedCreates);

    /// <summary>
    /// True when the provider may have recorded something in this call: a create it accepted, or one that may have
    /// reached it without a known answer (<see cref="HadUncertainCreate"/>, which a request cut off after it was
    /// written counts too). False when every create was refused with a definite answer or never written.
    /// </summary>
    public bool ProviderMayHaveRecorded => HadUncertainCreate || Volatile.Read(ref _acceptedCreates) > 0;

    public void Dispose()
    {
        CurrentScope.Value = _previous;
        _deadline?.Dispose();
        _linked?.Dispose();
    }

    private void OnDeadline()
    {
        Volatile.Write(ref _deadlinePassed, 1);
        try
        {
            _linked?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended as the deadline passed.
        }
    }
}
