namespace PurchaseSdk.Testing;

/// <summary>
/// What a sandbox provider does instead of (or besides) answering normally, for the next calls given to
/// <see cref="SandboxProvider.FailNext"/>.
/// </summary>
public sealed class SandboxFault
{
    private SandboxFault(SandboxFaultKind kind, int statusCode, TimeSpan? retryAfter, TimeSpan delay)
    {
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        Delay = delay;
    }

    /// <summary>What the fault does.</summary>
    public SandboxFaultKind Kind { get; }

    /// <summary>The status of an error answer.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>Retry-After</c> of an error answer, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>How long a slow answer waits, on the sandbox's clock (<see cref="PurchaseSandboxOptions.Time"/>).</summary>
    public TimeSpan Delay { get; }

    /// <summary>Answers <paramref name="statusCode"/> with the provider's error body; nothing is stored.</summary>
    public static SandboxFault Status(int statusCode, TimeSpan? retryAfter = null) =>
        new(SandboxFaultKind.ErrorAnswer, statusCode, retryAfter, TimeSpan.Zero);

    /// <summary>Answers 429 the way the provider rate-limits (Kit: plain text; Drip: its message and headers).</summary>
    public static SandboxFault TooManyRequests(TimeSpan? retryAfter = null) => Status(429, retryAfter);

    /// <summary>
    /// Processes the request at once (a create is stored), then holds the answer for <paramref name="delay"/> on the
    /// sandbox's clock: the answer that comes too late, after the provider already did the work.
    /// </summary>
    public static SandboxFault Slow(TimeSpan delay) => new(SandboxFaultKind.Delay, 0, null, delay);

    /// <summary>Processes the request (a create is stored), then answers success with a truncated, unreadable JSON body.</summary>
    public static SandboxFault MalformedAnswer() => new(SandboxFaultKind.MalformedAnswer, 0, null, TimeSpan.Zero);

    /// <summary>Answers <paramref name="statusCode"/> with a long HTML error page, as a proxy or load balancer would; nothing is stored.</summary>
    public static SandboxFault HtmlErrorPage(int statusCode = 502) => new(SandboxFaultKind.HtmlErrorPage, statusCode, null, TimeSpan.Zero);

    /// <summary>Closes the connection without an answer; nothing is stored.</summary>
    public static SandboxFault DropConnection() => new(SandboxFaultKind.DropConnection, 0, null, TimeSpan.Zero);

    /// <summary>
    /// Stores the request as the provider would, then fails the answer (<paramref name="statusCode"/>, or a dropped
    /// connection when null): the client cannot tell the record exists, the case that tempts a duplicate.
    /// </summary>
    public static SandboxFault AcceptThenFail(int? statusCode = 500) =>
        new(SandboxFaultKind.AcceptThenFail, statusCode ?? 0, null, TimeSpan.Zero);

    /// <summary>Describes the fault.</summary>
    public override string ToString() => Kind switch
    {
        SandboxFaultKind.ErrorAnswer => $"answer {StatusCode}",
        SandboxFaultKind.Delay => $"process, then answer after {Delay}",
        SandboxFaultKind.MalformedAnswer => "process, then answer unreadable JSON",
        SandboxFaultKind.HtmlErrorPage => $"answer {StatusCode} with an HTML page",
        SandboxFaultKind.DropConnection => "drop the connection",
        _ => StatusCode == 0 ? "accept, then drop the connection" : $"accept, then answer {StatusCode}",
    };
}

/// <summary>The kinds of <see cref="SandboxFault"/>.</summary>
public enum SandboxFaultKind
{
    /// <summary>An error answer; nothing stored.</summary>
    ErrorAnswer = 1,

    /// <summary>Processed at once, answered late.</summary>
    Delay = 2,

    /// <summary>A dropped connection; nothing stored.</summary>
    DropConnection = 3,

    /// <summary>Stored, then a failed answer.</summary>
    AcceptThenFail = 4,

    /// <summary>Processed, then a success answer whose body is not valid JSON.</summary>
    MalformedAnswer = 5,

    /// <summary>An HTML error page; nothing stored.</summary>
    HtmlErrorPage = 6,
}
