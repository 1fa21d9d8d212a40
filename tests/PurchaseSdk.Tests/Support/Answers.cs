using System.Globalization;
using System.Text.Json.Nodes;

namespace PurchaseSdk.Tests.Support;

/// <summary>
/// Well-formed provider answers for a <see cref="MisbehavingServer"/>, cut down from the seed documents (000-004) to
/// what the SDK reads, so the misbehaving tests need no seed files.
/// </summary>
internal static class Answers
{
    /// <summary>Kit's 201 (seed 002), purchase id 1336.</summary>
    public const string KitCreated = """{"purchase":{"id":1336,"transaction_id":"796-92-4892","status":"paid","currency":"USD"}}""";

    /// <summary>Scout's accepted checkout (seed 000).</summary>
    public const string ScoutAccepted = """{"success":true}""";

    /// <summary>Rundl's created checkout (seed 001), id 30799601.</summary>
    public const string RundlCreated = """{"id":30799601,"object":"checkout","status":0,"service":30798101}""";

    /// <summary>The order id of Elastic Path's checkout answer (seed 004).</summary>
    public const string ElasticPathOrderId = "74b48ecb-8599-4c63-85a8-09cb9bb7ee39";

    /// <summary>Elastic Path's token answer (providers.md §5.2), with <c>expires_in</c> as given.</summary>
    public static string ElasticPathToken(string accessToken = "ep-token-1", long expiresIn = 3600) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"expires":1524486008,"identifier":"client_credentials","expires_in":{{expiresIn}},"access_token":"{{accessToken}}","token_type":"Bearer"}""");

    /// <summary>Elastic Path's checkout answer: an order.</summary>
    public static string ElasticPathOrder(string id = ElasticPathOrderId, string? externalRef = null) =>
        new JsonObject { ["data"] = Order(id, externalRef) }.ToJsonString();

    /// <summary>A page of <c>GET /v2/orders</c> holding <paramref name="orders"/> (id, external_ref).</summary>
    public static string ElasticPathOrders(params (string Id, string ExternalRef)[] orders) =>
        new JsonObject
        {
            ["data"] = new JsonArray([.. orders.Select(o => (JsonNode)Order(o.Id, o.ExternalRef))]),
            ["meta"] = new JsonObject { ["results"] = new JsonObject { ["total"] = orders.Length } },
        }.ToJsonString();

    /// <summary>A page of Drip's purchase list (seed 003) holding <paramref name="purchases"/> (id, order_id).</summary>
    public static string DripPurchases(params (string Id, string OrderId)[] purchases) =>
        new JsonObject
        {
            ["links"] = new JsonObject(),
            ["meta"] = new JsonObject { ["page"] = 1, ["count"] = purchases.Length, ["total_pages"] = purchases.Length == 0 ? 0 : 1, ["total_count"] = purchases.Length },
            ["purchases"] = new JsonArray([.. purchases.Select(p => (JsonNode)new JsonObject { ["id"] = p.Id, ["order_id"] = p.OrderId, ["amount"] = 4900, ["provider"] = "gumroad" })]),
        }.ToJsonString();

    private static JsonObject Order(string id, string? externalRef) => new()
    {
        ["id"] = id,
        ["type"] = "order",
        ["status"] = "incomplete",
        ["payment"] = "unpaid",
        ["external_ref"] = externalRef,
    };
}
