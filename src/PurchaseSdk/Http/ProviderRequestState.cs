using System.Net;

namespace PurchaseSdk.Http;

/// <summary>
/// The facts of one request of a provider call, shared by its handlers from the outermost to the one closest to the
/// socket: its deadline, whether it may be repeated, and what each attempt did (was the request written? how did it
/// end?). Handlers record facts here; the classifier reads them. Nothing else travels between handlers.
/// </summary>
internal sealed class ProviderRequestState
{
    public static readonly HttpRequestOptionsKey<ProviderRequestState> Key = new("PurchaseSdk.RequestState");

    public ProviderRequestState(DateTimeOffset deadline, bool safeToRepeat, bool countsAttempts)
    {
        Deadline = deadline;
        SafeToRepeat = safeToRepeat;
        CountsAttempts = countsAttempts;
    }

    /// <summary>When the provider call's one deadline passes.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>Whether sending the request again cannot create a second record (a read, an upsert, a token request).</summary>
    public bool SafeToRepeat { get; }

    /// <summary>Whether its attempts count in <see cref="ProviderOutcome.Attempts"/> (false for a token endpoint).</summary>
    public bool CountsAttempts { get; }

    /// <summary>The attempt on the wire now, or the last one.</summary>
    public AttemptFacts? LastAttempt { get; private set; }

    /// <summary>True once an attempt of a request that is not safe to repeat may have been processed without a known answer.</summary>
    public bool HadUncertainAttempt { get; private set; }

    /// <summary>Starts the facts of a new attempt.</summary>
    public AttemptFacts BeginAttempt() => LastAttempt = new AttemptFacts();

    /// <summary>Records that the last attempt may have been processed (written, then no usable answer).</summary>
    public void RecordUncertainAttempt()
    {
        if (SafeToRepeat)
        {
            return;
        }

        HadUncertainAttempt = true;
        ProviderCallScope.Current?.RecordUncertainCreate();
    }

    public static ProviderRequestState? Get(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var state) ? state : null;
}

/// <summary>What one attempt did, recorded by the handler closest to the socket.</summary>
internal sealed class AttemptFacts
{
    private int _written;

    /// <summary>
    /// True once the request's body began to be written to a connection, so the request may have reached the
    /// provider. Before that, nothing was sent: connecting, TLS and header validation all come first.
    /// </summary>
    public bool RequestWritten => Volatile.Read(ref _written) != 0;

    /// <summary>The status of the answer, when one arrived.</summary>
    public HttpStatusCode? StatusCode { get; set; }

    /// <summary>True when an error answer's status arrived but its body stalled or broke off.</summary>
    public bool ErrorBodyLost { get; set; }

    public void MarkWritten() => Volatile.Write(ref _written, 1);
}
