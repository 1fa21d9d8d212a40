using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.ElasticPath;

namespace PurchaseSdk.Testing.Emulators;

/// <summary>
/// Elastic Path (https://github.com/elasticpath/elasticpath-dev, openapispecs/cartsorders/OpenAPISpec.yaml, "Checkout API"): form-encoded token endpoint issuing tokens that expire on the sandbox's
/// clock, bearer-checked carts and orders, JSON:API errors, checkout in both forms answering 201 with the order, and
/// orders found again by <c>eq(external_ref, …)</c>.
/// </summary>
internal sealed class ElasticPathEmulator : SandboxProvider
{
    private readonly Dictionary<string, (DateTimeOffset ExpiresAt, bool Implicit)> _tokens = new(StringComparer.Ordinal);

    public ElasticPathEmulator(PurchaseSandbox sandbox)
        : base(sandbox, "ElasticPath", "/elasticpath")
    {
    }

    private protected override bool IsExemptFromFaults(SandboxRequest request) => request.Path == "/oauth/access_token";

    private protected override void ResetState() => _tokens.Clear();

    internal override void UseIn(IServiceCollection services) =>
        services.PostConfigure<ElasticPathOptions>(o =>
        {
            o.BaseAddress = Address;
            o.ClientId = Credentials.ElasticPathClientId;
            o.ClientSecret = Credentials.ElasticPathClientSecret;
        });

    internal override object? CreateContext(string cartReference) => new ElasticPathCheckoutContext
    {
        CartReference = cartReference,
        AccountId = "8cee1b9e-3e39-4d5f-bd4a-86cdb985c6ee",
        BillingAddress = new ElasticPathAddress { FirstName = "John", LastName = "Doe", Line1 = "1234 Disney Drive", City = "Anaheim", Region = "CA", Postcode = "92802", Country = "US" },
        ShippingAddress = new ElasticPathAddress { FirstName = "John", LastName = "Doe", Line1 = "1234 Disney Drive", City = "Anaheim", Region = "CA", Postcode = "92802", Country = "US", Instructions = "Leave in porch" },
    };

    private protected override SandboxAnswer Handle(SandboxRequest request)
    {
        if (request.Method == "POST" && request.Path == "/oauth/access_token")
        {
            return IssueToken(request);
        }

        var bearer = request.Headers.GetValueOrDefault("Authorization");
        if (bearer is null || !bearer.StartsWith("Bearer ", StringComparison.Ordinal)
            || !_tokens.TryGetValue(bearer["Bearer ".Length..], out var token) || token.ExpiresAt <= Now)
        {
            return Error(401, "Unable to validate access token", null);
        }

        return (request.Method, request.PathSegments) switch
        {
            ("POST", ["v2", "carts", var cart, "checkout"]) => Checkout(request, cart, token.Implicit),
            ("GET", ["v2", "carts", var cart]) => Cart(cart),
            ("GET", ["v2", "orders"]) => ListOrders(request),
            ("GET", ["v2", "orders", var id]) => GetOrder(id),
            _ => Error(404, "Not found", null),
        };
    }

    /// <summary>100 requests a second on a production store, answered with a JSON:API 429 and no rate-limit headers.</summary>
    private protected override (int Permits, TimeSpan Window)? DocumentedRateLimit => (100, TimeSpan.FromSeconds(1));

    private protected override SandboxAnswer Error(int statusCode, string message, TimeSpan? retryAfter) =>
        Errors(statusCode, message, null, null).WithRetryAfter(retryAfter);

    private static SandboxAnswer Errors(int statusCode, string title, string? detail, string? source)
    {
        var error = new JsonObject { ["status"] = statusCode, ["title"] = title };
        if (detail is not null)
        {
            error["detail"] = detail;
        }

        if (source is not null)
        {
            error["source"] = source;
        }

        return SandboxAnswer.Json(statusCode, new JsonObject { ["errors"] = new JsonArray(error) });
    }

    private SandboxAnswer IssueToken(SandboxRequest request)
    {
        var form = ParseForm(request.Body);
        var grant = form.GetValueOrDefault("grant_type");
        var implicitGrant = grant == "implicit";
        if (grant is not ("client_credentials" or "implicit"))
        {
            return Errors(400, "Bad Request", "grant_type must be client_credentials or implicit", "grant_type");
        }

        if (form.GetValueOrDefault("client_id") != Credentials.ElasticPathClientId
            || (!implicitGrant && form.GetValueOrDefault("client_secret") != Credentials.ElasticPathClientSecret))
        {
            return Errors(401, "Unauthorized", "Invalid client credentials", null);
        }

        var lifetime = Sandbox.Options.ElasticPathTokenLifetime;
        var expiresAt = Now + lifetime;
        var token = "sandbox-ep-" + Guid.NewGuid().ToString("N");
        _tokens[token] = (expiresAt, implicitGrant);
        return SandboxAnswer.Json(200, new JsonObject
        {
            ["expires"] = expiresAt.ToUnixTimeSeconds(),
            ["identifier"] = grant,
            ["expires_in"] = (long)lifetime.TotalSeconds,
            ["access_token"] = token,
            ["token_type"] = "Bearer",
        });
    }

    private SandboxAnswer Checkout(SandboxRequest request, string cart, bool implicitToken)
    {
        if (ParseObject(request.Body)?["data"] is not JsonObject data)
        {
            return Errors(400, "Bad Request", "The body must be {\"data\": {...}}", "data");
        }

        var contact = data["contact"] as JsonObject;
        if (string.IsNullOrWhiteSpace(Text(contact?["name"])))
        {
            return Errors(400, "required", "contact.name is required", "data.contact.name");
        }

        var email = Text(contact!["email"]);
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || email.StartsWith('.') || email.Contains("..", StringComparison.Ordinal))
        {
            return Errors(400, "format", "contact.email is not a valid email address", "data.customer.email");
        }

        var memberToken = request.Headers.GetValueOrDefault("EP-Account-Management-Authentication-Token");
        var account = data["account"] as JsonObject;
        if (memberToken is null && string.IsNullOrWhiteSpace(Text(account?["id"])))
        {
            return Errors(400, "required", "account.id is required without an account management authentication token", "data.account.id");
        }

        if (implicitToken && memberToken is null)
        {
            return Errors(403, "Forbidden", "An implicit token can check out only with an account management authentication token", null);
        }

        var externalRef = Text(data["external_ref"]);
        if (externalRef is { Length: > 64 })
        {
            return Errors(400, "maxLength", "external_ref must be at most 64 characters", "data.external_ref");
        }

        var itemId = Guid.NewGuid().ToString();
        var order = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["type"] = "order",
            ["status"] = "incomplete",
            ["payment"] = "unpaid",
            ["shipping"] = "unfulfilled",
            ["anonymized"] = false,
            ["contact"] = contact.DeepClone(),
            ["shipping_address"] = data["shipping_address"]?.DeepClone() ?? new JsonObject(),
            ["billing_address"] = data["billing_address"]?.DeepClone() ?? new JsonObject(),
            ["external_ref"] = externalRef,
            ["order_number"] = data["order_number"]?.DeepClone(),
            ["links"] = new JsonObject(),
            ["meta"] = new JsonObject
            {
                ["display_price"] = new JsonObject
                {
                    ["with_tax"] = Price(10000),
                    ["without_tax"] = Price(10000),
                    ["tax"] = Price(0),
                    ["discount"] = Price(0),
                    ["shipping"] = Price(0),
                    ["paid"] = Price(0),
                    ["authorized"] = Price(0),
                    ["balance_owing"] = Price(10000),
                },
                ["timestamps"] = new JsonObject { ["created_at"] = Iso(Now), ["updated_at"] = Iso(Now) },
            },
            ["relationships"] = new JsonObject
            {
                ["items"] = new JsonObject { ["data"] = new JsonArray(new JsonObject { ["type"] = "item", ["id"] = itemId }) },
                ["account"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "account", ["id"] = Text(account?["id"]) ?? "sandbox-account" } },
                ["account_member"] = new JsonObject { ["data"] = new JsonObject { ["type"] = "account_member", ["id"] = Text(account?["member_id"]) ?? "sandbox-member" } },
            },
            ["cart"] = cart,
        };
        Store(order);
        return SandboxAnswer.Json(201, Envelope(order, itemId));
    }

    private SandboxAnswer GetOrder(string id)
    {
        var order = StoredRecords.FirstOrDefault(o => Text(o["id"]) == id);
        return order is null
            ? Errors(404, "Order not found", "The requested order could not be found", null)
            : SandboxAnswer.Json(200, Envelope(order, Text(order["relationships"]?["items"]?["data"]?[0]?["id"]) ?? id));
    }

    private SandboxAnswer ListOrders(SandboxRequest request)
    {
        IEnumerable<JsonObject> orders = StoredRecords;
        if (request.Query.GetValueOrDefault("filter") is { Length: > 0 } filter)
        {
            if (!TryParseEq(filter, out var field, out var value))
            {
                return Errors(400, "Bad Request", $"Unsupported filter '{filter}'", "filter");
            }

            orders = orders.Where(o => Text(o[field]) == value);
        }

        var limit = int.TryParse(request.Query.GetValueOrDefault("page[limit]"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : 25;
        var offset = int.TryParse(request.Query.GetValueOrDefault("page[offset]"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? Math.Max(0, o) : 0;
        var matching = orders.ToList();
        var page = matching.Skip(offset).Take(limit).Select(order => (JsonNode?)Public(order)).ToArray();
        return SandboxAnswer.Json(200, new JsonObject
        {
            ["data"] = new JsonArray(page),
            ["meta"] = new JsonObject
            {
                ["page"] = new JsonObject { ["current"] = (offset / limit) + 1, ["limit"] = limit, ["offset"] = offset, ["total"] = Math.Max(1, (matching.Count + limit - 1) / limit) },
                ["results"] = new JsonObject { ["total"] = matching.Count },
            },
            ["links"] = new JsonObject(),
        });
    }

    private static SandboxAnswer Cart(string reference) => SandboxAnswer.Json(200, new JsonObject
    {
        ["data"] = new JsonObject
        {
            ["id"] = reference,
            ["type"] = "cart",
            ["name"] = "Sandbox cart",
            ["description"] = string.Empty,
            ["meta"] = new JsonObject { ["display_price"] = new JsonObject { ["with_tax"] = Price(10000), ["without_tax"] = Price(10000) } },
            ["relationships"] = new JsonObject
            {
                ["items"] = new JsonObject { ["data"] = new JsonArray(new JsonObject { ["type"] = "cart_item", ["id"] = "sandbox-cart-item" }) },
                ["customers"] = new JsonObject { ["data"] = new JsonArray() },
            },
        },
    });

    private static JsonObject Envelope(JsonObject order, string itemId) => new()
    {
        ["data"] = Public(order),
        ["included"] = new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject
            {
                ["type"] = "order_item",
                ["id"] = itemId,
                ["quantity"] = 1,
                ["name"] = "Sandbox item",
                ["sku"] = "SANDBOX-1",
                ["unit_price"] = new JsonObject { ["amount"] = 10000, ["currency"] = "USD", ["includes_tax"] = true },
                ["value"] = new JsonObject { ["amount"] = 10000, ["currency"] = "USD", ["includes_tax"] = true },
            }),
        },
    };

    // The stored order keeps the cart it came from; Elastic Path's order does not show it.
    private static JsonObject Public(JsonObject order)
    {
        var copy = (JsonObject)order.DeepClone();
        copy.Remove("cart");
        return copy;
    }

    private static JsonObject Price(long amount) => new()
    {
        ["amount"] = amount,
        ["currency"] = "USD",
        ["formatted"] = (amount / 100m).ToString("$#,0.00", CultureInfo.InvariantCulture),
    };

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static bool TryParseEq(string filter, out string field, out string value)
    {
        field = value = string.Empty;
        if (!filter.StartsWith("eq(", StringComparison.Ordinal) || !filter.EndsWith(')'))
        {
            return false;
        }

        var inner = filter[3..^1];
        var comma = inner.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0)
        {
            return false;
        }

        field = inner[..comma];
        value = inner[(comma + 1)..];
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal);
        }

        return field is "external_ref" or "order_number" or "status" or "payment";
    }

    private static Dictionary<string, string> ParseForm(string? body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (body ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                form[Uri.UnescapeDataString(pair[..equals].Replace('+', ' '))] = Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return form;
    }
}
