namespace PurchaseSdk.Http;

/// <summary>
/// A provider's request budget, kept by the SDK before the provider has to refuse with 429 (bound from
/// <c>PurchaseSdk:&lt;Provider&gt;:RateLimit</c>). Each provider sets its documented limit as the default.
/// </summary>
/// <remarks>
/// The budget is per process: several instances of your application share the provider's budget, so divide
/// <see cref="PermitLimit"/> by the number of instances (for example Kit's 600 per minute across three instances: 200).
/// A request that would wait longer than <c>Resilience:MaxRetryAfter</c> (or past the call's deadline) fails at once,
/// <em>not processed</em>, with <see cref="ProviderRequestException.RetryAfter"/> set; a shorter wait just waits.
/// </remarks>
public sealed class ProviderRateLimitOptions
{
    /// <summary>Whether the SDK keeps the budget. Off for providers that document no limit.</summary>
    public bool Enabled { get; set; }

    /// <summary>Requests allowed per <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The window the <see cref="PermitLimit"/> is counted over (a sliding window of ten segments).</summary>
    public TimeSpan Window { get; set; }

    /// <summary>How many requests may wait for a permit at once; beyond it a request fails at once. Default 10,000.</summary>
    public int QueueLimit { get; set; } = 10_000;

    /// <summary>
    /// True when the provider counts per credential (Kit counts per OAuth token): each credential gets its own budget.
    /// False: one budget for the provider (Drip counts per account, Elastic Path per store).
    /// </summary>
    public bool PerCredential { get; set; }

    /// <summary>Creates an enabled budget.</summary>
    public static ProviderRateLimitOptions Of(int permitLimit, TimeSpan window, bool perCredential = false) =>
        new() { Enabled = true, PermitLimit = permitLimit, Window = window, PerCredential = perCredential };

    /// <summary>Describes the budget.</summary>
    public override string ToString() =>
        Enabled ? $"{PermitLimit} requests per {Window}{(PerCredential ? " per credential" : string.Empty)}" : "no limit";
}
