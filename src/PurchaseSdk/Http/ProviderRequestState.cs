using System.Net.Http;

namespace PurchaseSdk.Http;

/// <summary>
/// Per-request bookkeeping shared by the handlers of one provider call (outermost to innermost): the deadline of
/// the whole call, whether an attempt is on the wire, and how the last attempt failed.
/// </summary>
internal sealed class ProviderRequestState
{
    public static readonly HttpRequestOptionsKey<ProviderRequestState> Key = new("PurchaseSdk.RequestState");

    public ProviderRequestState(DateTimeOffset deadline) => Deadline = deadline;

    /// <summary>When the total timeout of the call expires.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>True from the moment an attempt is handed to the socket until its answer's headers arrive.</summary>
    public bool InFlight { get; set; }

    /// <summary>How the last failed attempt was classified.</summary>
    public ProviderFailureKind? LastFailureKind { get; set; }

    /// <summary>The Retry-After of the last refused attempt, when it named one.</summary>
    public TimeSpan? LastRetryAfter { get; set; }

    public static ProviderRequestState? Get(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var state) ? state : null;
}
