namespace PurchaseSdk.Delivery.Storage;

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
