namespace PurchaseSdk.Tests.Support;

/// <summary>The paths the SDK calls, as a stub server at the provider's base address sees them (the seed documents').</summary>
internal static class Routes
{
    /// <summary>Kit's create and list (seed 002).</summary>
    public const string KitPurchases = "/v4/purchases";

    /// <summary>Scout's checkout ingest (seed 000).</summary>
    public const string ScoutIngest = "/ingest";

    /// <summary>Rundl's create-checkout under <c>/api</c> (seed 001).</summary>
    public const string RundlCheckouts = "/api/checkouts";

    /// <summary>The start of Drip's purchase paths for the test account (seed 003): a subscriber follows.</summary>
    public const string DripSubscribers = "/v2/" + TestCredentials.DripAccount + "/subscribers/";

    /// <summary>Elastic Path's token endpoint (providers.md §5.2).</summary>
    public const string ElasticPathToken = "/oauth/access_token";

    /// <summary>Elastic Path's checkout of cart <c>cart-1</c> (seed 004).</summary>
    public const string ElasticPathCheckout = "/v2/carts/cart-1/checkout";

    /// <summary>Elastic Path's order list, where a checkout is looked up by <c>external_ref</c>.</summary>
    public const string ElasticPathOrders = "/v2/orders";
}
