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

    /// <summary>How long a delayed answer waits (real time: the sandbox is a real HTTP server).</summary>
    public TimeSpan Delay { get; }

    /// <summary>Answers <paramref name="statusCode"/> with the provider's error body; nothing is stored.</summary>
    public static SandboxFault Status(int statusCode, TimeSpan? retryAfter = null) =>
        new(SandboxFaultKind.ErrorAnswer, statusCode, retryAfter, TimeSpan.Zero);

    /// <summary>Answers 429 the way the provider rate-limits (Kit: plain text; Drip: its message and headers).</summary>
    public static SandboxFault TooManyRequests(TimeSpan? retryAfter = null) => Status(429, retryAfter);

    /// <summary>Waits <paramref name="delay"/>, then answers normally.</summary>
    public static SandboxFault Slow(TimeSpan delay) => new(SandboxFaultKind.Delay, 0, null, delay);

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
        SandboxFaultKind.Delay => $"delay {Delay}",
        SandboxFaultKind.DropConnection => "drop the connection",
        _ => StatusCode == 0 ? "accept, then drop the connection" : $"accept, then answer {StatusCode}",
    };
}

/// <summary>The kinds of <see cref="SandboxFault"/>.</summary>
public enum SandboxFaultKind
{
    /// <summary>An error answer; nothing stored.</summary>
    ErrorAnswer = 1,

    /// <summary>A delayed, otherwise normal answer.</summary>
    Delay = 2,

    /// <summary>A dropped connection; nothing stored.</summary>
    DropConnection = 3,

    /// <summary>Stored, then a failed answer.</summary>
    AcceptThenFail = 4,
}
