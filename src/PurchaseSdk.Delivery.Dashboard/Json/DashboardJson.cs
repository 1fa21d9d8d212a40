namespace PurchaseSdk.Delivery.Dashboard.Json;

// The wire shapes of the dashboard's JSON endpoints (documented in the package README). Free text in them is masked
// for customer emails unless the options show them; none carries a purchase field other than the order id.

/// <summary>GET api/session: the anti-forgery request token to send back in <see cref="HeaderName"/>, and who is asking.</summary>
internal sealed record SessionJson(string HeaderName, string RequestToken, string User, bool ReadOnly, DateTimeOffset Now);

/// <summary>GET api/overview.</summary>
internal sealed record OverviewJson(
    DateTimeOffset GeneratedAt,
    double? OldestPendingAgeSeconds,
    IReadOnlyList<StateCountJson> Totals,
    IReadOnlyList<string> Providers,
    IReadOnlyList<ProviderStateCountJson> Counts);

internal sealed record StateCountJson(DeliveryState State, long Count);

internal sealed record ProviderStateCountJson(string Provider, DeliveryState State, long Count);

/// <summary>GET api/history.</summary>
internal sealed record HistoryJson(DateTimeOffset From, double BucketSeconds, IReadOnlyList<HistoryBucketJson> Buckets);

internal sealed record HistoryBucketJson(DateTimeOffset Start, long Succeeded, long Failed, long Indeterminate);

/// <summary>GET api/deliveries.</summary>
internal sealed record DeliveryListJson(IReadOnlyList<DeliveryJson> Items, long Total, int PageSize, long? NextAfterId, DateTimeOffset GeneratedAt);

/// <summary>One delivery; <see cref="History"/> is empty in lists.</summary>
internal sealed record DeliveryJson(
    long Id,
    string OrderId,
    string Provider,
    DeliveryState State,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? LeasedUntil,
    int Attempts,
    bool EarlierAttemptMayHaveLanded,
    string? ProviderReference,
    string? LastError,
    string? Resolution,
    IReadOnlyList<string> Actions,
    IReadOnlyList<AttemptJson> History);

internal sealed record AttemptJson(
    int Number,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    DeliveryAttemptOutcome Outcome,
    bool Resumed,
    int ProviderAttempts,
    string? ProviderReference,
    string? Message);

/// <summary>GET api/orders/{orderId}.</summary>
internal sealed record OrderJson(string OrderId, DateTimeOffset EnqueuedAt, bool HasPayload, IReadOnlyList<DeliveryJson> Deliveries, DateTimeOffset GeneratedAt);

/// <summary>The body of POST api/deliveries/{id}/resolve.</summary>
internal sealed record ResolveRequestJson(string? ProviderReference);

/// <summary>The body of POST api/deliveries/{id}/resend: the explicit acceptance of a possible duplicate.</summary>
internal sealed record ResendRequestJson(bool AcceptDuplicateRisk);

/// <summary>The answer of every action.</summary>
internal sealed record ActionResultJson(string Action, long DeliveryId, DeliveryChangeResult Result, string Message, DeliveryJson? Delivery);

/// <summary>An error answer (application/problem+json).</summary>
internal sealed record ProblemJson(string Title, int Status, string Detail);
