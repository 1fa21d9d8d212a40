namespace PurchaseSdk.Drip;

/// <summary>Which Drip endpoint a report records the purchase with (<c>PurchaseSdk:Drip:Api</c>).</summary>
public enum DripOrderApi
{
    /// <summary>
    /// The v2 purchases endpoint (<c>POST /v2/{account_id}/subscribers/{id_or_email}/purchases</c>), the default: amounts
    /// in cents, no currency, no reference; an ambiguous failure is resolved by looking the order id up.
    /// </summary>
    Purchases = 0,

    /// <summary>
    /// Drip's current order API, shopper activity (<c>POST /v3/{account_id}/shopper_activity/order</c>): amounts in
    /// major units with a currency, an <c>action</c> from <see cref="Purchase.Status"/>, and an upsert by provider and
    /// order id, so an ambiguous failure is simply retried. The outcome's reference is Drip's request id.
    /// </summary>
    ShopperActivity = 1,
}
