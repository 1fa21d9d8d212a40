using System.Data.Common;

namespace PurchaseSdk.Delivery.Storage;

/// <summary>
/// <b>For store implementers.</b> Where durable delivery keeps purchases and deliveries: PurchaseSdk.Delivery.Sqlite
/// implements it; applications use <see cref="IPurchaseOutbox"/> and <see cref="IPurchaseDeliveryAdmin"/> instead.
/// </summary>
/// <remarks>
/// <para>The store owns "now": due times, leases, ages and purge cut-offs are computed on the store's clock (an
/// injected <see cref="TimeProvider"/> for an embedded store, the database's clock for a server), so callers pass
/// durations, never instants.</para>
/// <para>The contract (every store passes the same abstract test fixture):</para>
/// <list type="bullet">
/// <item>One delivery per (order id, provider); enqueueing an order id that exists stores nothing.</item>
/// <item><see cref="ClaimAsync"/> hands each due delivery to exactly one claimer under a lease; a delivery whose lease
/// expired is due again, and if its attempt had started (<see cref="MarkAttemptStartedAsync"/>) its next claim says
/// <see cref="ClaimedDelivery.EarlierAttemptMayHaveLanded"/>.</item>
/// <item>Every change made under a lease (<see cref="MarkAttemptStartedAsync"/>, <see cref="CompleteAsync"/>,
/// <see cref="ReleaseAsync"/>) applies only while the lease is still the delivery's, and says whether it applied.</item>
/// </list>
/// </remarks>
public interface IDeliveryStore
{
    /// <summary>Creates the store's schema if it does not exist. Safe to call many times and from many instances.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores an order and one pending delivery, due now, per provider of <paramref name="request"/>, unless the order id
    /// is already stored. With <paramref name="connection"/>, writes through it (and <paramref name="transaction"/>),
    /// so the write commits or rolls back with the caller's own work.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="connection"/> is not a connection this store can write through.</exception>
    Task<StoreEnqueueResult> EnqueueAsync(DeliveryEnqueueRequest request, DbConnection? connection, DbTransaction? transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="maxCount"/> pending deliveries that are due (including those whose lease expired)
    /// to <paramref name="owner"/> for <paramref name="leaseDuration"/>, earliest due first, with their payloads. No two
    /// concurrent claimers, in any process, ever receive the same delivery under a live lease.
    /// </summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string owner, int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>
    /// Records, before anything is sent, that an attempt of the leased delivery starts: from now until
    /// <see cref="CompleteAsync"/> or <see cref="ReleaseAsync"/>, the provider may have received it. The attempt is
    /// recorded as resumed when the delivery was claimed with <see cref="ClaimedDelivery.EarlierAttemptMayHaveLanded"/>.
    /// Returns false (and records nothing) when the lease is no longer the delivery's; the caller must then not send.
    /// </summary>
    Task<bool> MarkAttemptStartedAsync(DeliveryLease lease, CancellationToken cancellationToken);

    /// <summary>
    /// Records the end of an attempt and the delivery's new state (pending again after <see cref="DeliveryCompletion.RetryAfter"/>,
    /// or a final or parked state), and ends the lease. Returns false when the lease is no longer the delivery's.
    /// </summary>
    Task<bool> CompleteAsync(DeliveryLease lease, DeliveryCompletion completion, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a leased delivery back without an outcome (the host is stopping); it is due again at once. When
    /// <paramref name="attemptStarted"/>, the attempt is recorded as interrupted and the next attempt asks before sending.
    /// </summary>
    Task<bool> ReleaseAsync(DeliveryLease lease, bool attemptStarted, CancellationToken cancellationToken);

    /// <summary>Counts deliveries by provider and state, and the age of the oldest pending one.</summary>
    Task<DeliveryStatistics> GetStatisticsAsync(CancellationToken cancellationToken);

    /// <summary>Lists deliveries in id order after <see cref="DeliveryQuery.AfterId"/> (no attempts).</summary>
    Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken);

    /// <summary>Counts deliveries matching <paramref name="filter"/>.</summary>
    Task<long> CountAsync(DeliveryFilter filter, CancellationToken cancellationToken);

    /// <summary>An order and its deliveries with their attempts; null when the order id is not stored.</summary>
    Task<OrderDeliveries?> GetOrderAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>One delivery with its attempts; null when absent.</summary>
    Task<DeliveryRecord?> GetDeliveryAsync(long deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies an administrative change if the delivery is in one of the states the change allows (see
    /// <see cref="DeliveryAdminChange"/>), atomically.
    /// </summary>
    Task<DeliveryChangeResult> ChangeAsync(long deliveryId, DeliveryAdminChange change, string? providerReference, CancellationToken cancellationToken);

    /// <summary>Deletes finished deliveries older than <paramref name="olderThan"/> (see <see cref="IPurchaseDeliveryAdmin.PurgeAsync"/>).</summary>
    Task<int> PurgeAsync(TimeSpan olderThan, CancellationToken cancellationToken);
}

/// <summary><b>For store implementers.</b> An administrative change of one delivery.</summary>
public enum DeliveryAdminChange
{
    /// <summary>Failed → Pending, due now, a fresh MaxAge window; keeps <see cref="ClaimedDelivery.EarlierAttemptMayHaveLanded"/>.</summary>
    Redrive = 1,

    /// <summary>Indeterminate → Succeeded with the given provider reference.</summary>
    ResolveAsDelivered = 2,

    /// <summary>Indeterminate → Pending, due now, a fresh MaxAge window, sent as a first attempt (the earlier-attempt flag cleared).</summary>
    Resend = 3,

    /// <summary>Pending, Failed or Indeterminate → Cancelled; a live lease is ended, so the worker's result is not recorded.</summary>
    Cancel = 4,
}

/// <summary><b>For store implementers.</b> What to store for one order.</summary>
public sealed class DeliveryEnqueueRequest
{
    /// <summary>The order id (unique in the store).</summary>
    public required string OrderId { get; init; }

    /// <summary>One delivery per provider name.</summary>
    public required IReadOnlyList<string> Providers { get; init; }

    /// <summary>The serialized purchase (versioned JSON; contexts inside are already protected).</summary>
    public required string Payload { get; init; }

    /// <summary>The payload's schema version.</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the enqueuing trace, if any.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> of the enqueuing trace, if any.</summary>
    public string? TraceState { get; init; }
}

/// <summary><b>For store implementers.</b> What <see cref="IDeliveryStore.EnqueueAsync"/> did.</summary>
/// <param name="Created">False when the order id was already stored and nothing was written.</param>
public sealed record StoreEnqueueResult(bool Created);

/// <summary><b>For store implementers.</b> The proof that a claimer holds a delivery: its id and the claim's token.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="Token">The claim's unique token.</param>
public readonly record struct DeliveryLease(long DeliveryId, string Token);

/// <summary><b>For store implementers.</b> A delivery handed to a claimer.</summary>
public sealed class ClaimedDelivery
{
    /// <summary>The lease that every later change must present.</summary>
    public required DeliveryLease Lease { get; init; }

    /// <summary>The order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>The provider.</summary>
    public required string Provider { get; init; }

    /// <summary>The attempts started so far (this claim's attempt will be number <c>Attempts + 1</c>).</summary>
    public required int Attempts { get; init; }

    /// <summary>When the delivery's MaxAge window started (its enqueue, or its last re-drive or re-send).</summary>
    public required DateTimeOffset PendingSince { get; init; }

    /// <summary>The store's "now" at the claim.</summary>
    public required DateTimeOffset ClaimedAt { get; init; }

    /// <summary>True when an earlier attempt started and its outcome was never recorded (its lease expired, or the host stopped mid-call).</summary>
    public required bool EarlierAttemptMayHaveLanded { get; init; }

    /// <summary>The serialized purchase; null when it was purged.</summary>
    public string? Payload { get; init; }

    /// <summary>The payload's schema version as stored.</summary>
    public int SchemaVersion { get; init; }

    /// <summary>The enqueuing trace's <c>traceparent</c>.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The enqueuing trace's <c>tracestate</c>.</summary>
    public string? TraceState { get; init; }
}

/// <summary><b>For store implementers.</b> How an attempt ended and what the delivery becomes.</summary>
public sealed class DeliveryCompletion
{
    /// <summary>The delivery's new state: <see cref="DeliveryState.Pending"/> to reschedule, or a final or parked state.</summary>
    public required DeliveryState State { get; init; }

    /// <summary>How the attempt ended.</summary>
    public required DeliveryAttemptOutcome Outcome { get; init; }

    /// <summary>With <see cref="DeliveryState.Pending"/>: how long from the store's now until the next attempt is due.</summary>
    public TimeSpan RetryAfter { get; init; }

    /// <summary>
    /// False when nothing was sent and no attempt was marked started (an unreadable payload): the store then records a
    /// new attempt, started and ended now.
    /// </summary>
    public bool AttemptStarted { get; init; } = true;

    /// <summary>The provider's reference, on success.</summary>
    public string? ProviderReference { get; init; }

    /// <summary>The error or note, redacted; becomes the delivery's last error on failure.</summary>
    public string? Message { get; init; }

    /// <summary>How many HTTP requests the attempt sent.</summary>
    public int ProviderAttempts { get; init; }
}
