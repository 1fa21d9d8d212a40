namespace PurchaseSdk.Delivery;

/// <summary>Settings of durable delivery, bound from <c>PurchaseSdk:Delivery</c>.</summary>
public sealed class PurchaseDeliveryOptions
{
    /// <summary>The configuration section: <c>PurchaseSdk:Delivery</c>.</summary>
    public const string SectionName = "PurchaseSdk:Delivery";

    /// <summary>
    /// Whether this process runs the delivery worker. Default true. Set false in a process that only enqueues (another
    /// process, on the same store, delivers).
    /// </summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>
    /// How long a delivery keeps being retried after it was enqueued (or re-driven) before it is <see cref="DeliveryState.Failed"/>.
    /// Default 48 hours. Elastic Path deletes a cart 7 days after its last update, so keep it well below that.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// How long a worker holds a delivery it claimed. It must outlast a whole provider call (each provider's
    /// <c>Resilience:TotalTimeout</c>, 30 s by default): a lease that expires is treated as a worker that died mid-call.
    /// The worker never lets that happen under a live call: one still running when the lease has a fifth (at most 30 s)
    /// left is cut off and ends like a call that reached its deadline (<see cref="DeliveryState.Indeterminate"/> when
    /// the provider may have recorded it, else rescheduled), with a warning that names this setting. Default 5 minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the worker looks for due deliveries when nothing woke it. Default 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most deliveries the worker sends at once. Default 16.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>The most deliveries one claim takes. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>The first wait before a failed delivery is attempted again, doubled per attempt with ±25 % jitter. Default 30 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts (a provider's <c>Retry-After</c> may ask for longer). Default 30 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The health check reports Degraded when the oldest pending delivery has waited longer than this. Default 15 minutes.</summary>
    public TimeSpan HealthDegradedAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The health check reports Unhealthy when the oldest pending delivery has waited longer than this. Default 2 hours.</summary>
    public TimeSpan HealthUnhealthyAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Whether a parked (<see cref="DeliveryState.Indeterminate"/>) delivery makes the health check Degraded. Default true.</summary>
    public bool HealthDegradedWhenParked { get; set; } = true;
}
