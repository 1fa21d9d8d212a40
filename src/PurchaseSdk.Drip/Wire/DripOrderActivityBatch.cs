using System.Text.Json.Serialization;

namespace PurchaseSdk.Drip;

/// <summary>
/// The body of <c>POST /v3/{account_id}/shopper_activity/order/batch</c>: <c>{"orders": [...]}</c> with 1 to
/// <see cref="MaxOrders"/> order activity events (DripEmail/api-docs <c>source/includes/rest/_batch_api.md</c>,
/// "Create or update a batch of orders").
/// </summary>
public sealed class DripOrderActivityBatch
{
    /// <summary>The most orders one batch may hold: 1,000.</summary>
    public const int MaxOrders = 1000;

    /// <summary>The orders, each upserted by its provider and order id.</summary>
    [JsonPropertyName("orders")]
    public IReadOnlyList<DripOrderActivity>? Orders { get; init; }
}
