using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Rundl;

namespace PurchaseSdk.Testing.Emulators;

/// <summary>
/// Rundl's checkouts (https://github.com/Rundl/slate/blob/master/source/includes/_checkouts.md): <c>Authorization: OAuth &lt;token&gt;</c> (plain or base64), the
/// <c>account</c> query parameter, and the full checkout answer with <c>/Date(…)/</c> dates and numbers.
/// Rundl documents no error body; the sandbox answers <c>{"message": …}</c>.
/// </summary>
internal sealed class RundlEmulator : SandboxProvider
{
    private long _nextId = 30799601;

    public RundlEmulator(PurchaseSandbox sandbox)
        : base(sandbox, "Rundl", "/rundl")
    {
    }

    internal override void UseIn(IServiceCollection services) =>
        services.PostConfigure<RundlOptions>(o =>
        {
            o.BaseAddress = new Uri(Address + "/api");
            o.AccessToken = Credentials.RundlAccessToken;
        });

    internal override object? CreateContext(string cartReference) =>
        new RundlCheckoutContext { AccountId = 17357980, ServiceId = 30798101, ProductId = 30798131 };

    private protected override SandboxAnswer Handle(SandboxRequest request)
    {
        var token = Credentials.RundlAccessToken;
        var header = request.Headers.GetValueOrDefault("Authorization");
        if (header != "OAuth " + token && header != "OAuth " + Convert.ToBase64String(Encoding.UTF8.GetBytes(token)))
        {
            return Error(401, "Invalid access token", null);
        }

        return (request.Method, request.Path) switch
        {
            ("POST", "/api/checkouts") => Create(request),
            _ => Error(404, "Not found", null),
        };
    }

    private protected override SandboxAnswer Error(int statusCode, string message, TimeSpan? retryAfter) =>
        SandboxAnswer.Json(statusCode, new JsonObject { ["message"] = message }).WithRetryAfter(retryAfter);

    private protected override void ResetState() => _nextId = 30799601;

    private SandboxAnswer Create(SandboxRequest request)
    {
        if (!long.TryParse(request.Query.GetValueOrDefault("account"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var account))
        {
            return Error(400, "The account query parameter is required", null);
        }

        if (ParseObject(request.Body)?["checkout"] is not JsonObject checkout || !IsNumber(checkout["service"]))
        {
            return Error(400, "checkout.service is required", null);
        }

        if (checkout["items"] is not JsonArray { Count: > 0 } items || items.Any(i => !IsNumber(i?["product"]?["id"])))
        {
            return Error(400, "checkout.items must name a product id", null);
        }

        var created = new JsonObject
        {
            ["id"] = _nextId++,
            ["object"] = "checkout",
            ["buyer"] = new JsonObject { ["global_type"] = 0, ["id"] = account, ["name"] = "Sandbox Buyer" },
            ["created_date"] = $"/Date({Now.ToUnixTimeMilliseconds()}+0000)/",
            ["currency"] = "AUD",
            ["items"] = new JsonArray([.. items.Select(item => (JsonNode?)new JsonObject
            {
                ["amount"] = 0,
                ["data"] = null,
                ["product"] = new JsonObject
                {
                    ["id"] = item!["product"]!["id"]!.DeepClone(),
                    ["object"] = "product",
                    ["currency"] = "AUD",
                    ["name"] = "Sandbox product",
                    ["price"] = 0,
                },
                ["quantity"] = item["quantity"]?.DeepClone() ?? 1,
                ["reference"] = null,
                ["tax_amount"] = 0,
                ["tax_id"] = 30734732,
                ["tax_lines"] = new JsonArray(new JsonObject { ["amount"] = 0, ["name"] = "GST" }),
                ["tax_status"] = 1,
            })]),
            ["items_total_price"] = 0,
            ["payment_account_types"] = new JsonArray("credit_card", "manual"),
            ["payment_token"] = checkout["payment_token"]?.DeepClone(),
            ["product_order"] = null,
            ["related"] = null,
            ["rundl"] = null,
            ["seller"] = new JsonObject { ["global_type"] = 0, ["id"] = 286896, ["name"] = "Rundl Pty Ltd" },
            ["service"] = checkout["service"]!.DeepClone(),
            ["status"] = 0,
            ["total_price"] = 0,
            ["total_tax"] = 0,
        };
        Store(created);
        return SandboxAnswer.Json(200, created.DeepClone());
    }
}
