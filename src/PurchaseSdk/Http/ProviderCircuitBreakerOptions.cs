namespace PurchaseSdk.Http;

/// <summary>
/// The per-provider circuit breaker: when enough calls fail in <see cref="SamplingDuration"/>, calls to that provider
/// fail at once for <see cref="BreakDuration"/> (its outcome says so); other providers are unaffected.
/// </summary>
public sealed class ProviderCircuitBreakerOptions
{
    /// <summary>Whether the circuit breaker is on. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The failure ratio (0 to 1) that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>The fewest calls in a sampling window before the ratio counts. Default 10.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window over which failures are counted. Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial call. Default 15 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
