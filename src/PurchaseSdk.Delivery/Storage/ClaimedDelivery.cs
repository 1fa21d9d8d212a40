namespace PurchaseSdk.Delivery.Storage;

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
