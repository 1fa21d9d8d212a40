using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Drip;

namespace PurchaseSdk.Testing.Emulators;

/// <summary>
/// Drip (<c>/drip</c>): the v2 purchases (https://github.com/DripEmail/api-docs (Purchases, removed in 2018; source/includes/_purchases.md)) and the v3 shopper activity orders
/// (DripEmail/api-docs <c>source/includes/shopper_activity/_order_activity.md</c> and <c>rest/_batch_api.md</c>).
/// Basic credentials, <c>{"errors": [{code, attribute, message}]}</c> bodies, 415 for the vendor media type; purchases
/// answer 201 <c>{}</c> and are listed per subscriber, paged; orders answer 202 <c>{"request_id": …}</c> and are
/// upserted by provider and order id, so an order sent twice is stored once.
/// </summary>
public sealed class DripEmulator : SandboxProvider
{
    private static readonly string[] Actions = ["placed", "updated", "paid", "fulfilled", "refunded", "canceled"];
    private static readonly string[] Amounts = ["grand_total", "total_discounts", "total_taxes", "total_fees", "total_shipping", "refund_amount"];

    private readonly Dictionary<(string Provider, string OrderId), JsonObject> _orders = [];
    private readonly HashSet<JsonObject> _orderRecords = new(ReferenceEqualityComparer.Instance);
    private long _nextId = 9999999;

    internal DripEmulator(PurchaseSandbox sandbox)
        : base(sandbox, "Drip", "/drip")
    {
    }

    /// <summary>
    /// The shopper activity orders stored, one per provider and order id however often each was sent, in the order
    /// they were first sent. Each is the order as last sent (later events overwrite the members they carry).
    /// <see cref="SandboxProvider.Records"/> holds them too, with the v2 purchases.
    /// </summary>
    public IReadOnlyList<JsonObject> Orders =>
        UnderLock(() => StoredRecords.Where(_orderRecords.Contains).Select(static o => (JsonObject)o.DeepClone()).ToList());

    internal override void UseIn(IServiceCollection services) =>
        services.PostConfigure<DripOptions>(o =>
        {
            o.BaseAddress = Address;
            o.AccountId = Credentials.DripAccountId;
            o.ApiKey = Credentials.DripApiKey;
            o.AccessToken = null;
        });

    private protected override SandboxAnswer Handle(SandboxRequest request)
    {
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Credentials.DripApiKey + ":"));
        if (request.Headers.GetValueOrDefault("Authorization") != basic)
        {
            return Errors(401, "authorization_error", null, "You are not authorized to access this resource");
        }

        if (request.Headers.GetValueOrDefault("Content-Type")?.Contains("vnd.api+json", StringComparison.OrdinalIgnoreCase) == true)
        {
            return SandboxAnswer.Json(415, new JsonObject { ["message"] = "Unsupported Media Type" });
        }

        var segments = request.PathSegments;

        // /v3/{account}/shopper_activity/order[/batch]
        if (segments.Count is 4 or 5 && segments[0] == "v3" && segments[2] == "shopper_activity" && segments[3] == "order")
        {
            if (segments[1] != Credentials.DripAccountId)
            {
                return Errors(404, "not_found_error", null, "The account was not found");
            }

            return (request.Method, segments.Count, segments.Count == 5 ? segments[4] : null) switch
            {
                ("POST", 4, _) => CreateOrder(request),
                ("POST", 5, "batch") => CreateOrderBatch(request),
                _ => Errors(404, "not_found_error", null, "The resource you requested was not found"),
            };
        }

        // /v2/{account}/subscribers/{subscriber}/purchases[/{id}]
        if (segments.Count is < 5 or > 6 || segments[0] != "v2" || segments[2] != "subscribers" || segments[4] != "purchases")
        {
            return Errors(404, "not_found_error", null, "The resource you requested was not found");
        }

        if (segments[1] != Credentials.DripAccountId)
        {
            return Errors(404, "not_found_error", null, "The account was not found");
        }

        var subscriber = segments[3];
        return (request.Method, segments.Count) switch
        {
            ("POST", 5) => Create(request, subscriber),
            ("GET", 5) => List(request, subscriber),
            ("GET", 6) => Fetch(subscriber, segments[5]),
            _ => Errors(404, "not_found_error", null, "The resource you requested was not found"),
        };
    }

    /// <summary>3,600 requests an hour per account.</summary>
    private protected override (int Permits, TimeSpan Window)? DocumentedRateLimit => (3600, TimeSpan.FromHours(1));

    /// <summary>The documented answer: 429 with nothing remaining and the window's end as <c>X-RateLimit-Reset</c>.</summary>
    private protected override SandboxAnswer RateLimitAnswer(DateTimeOffset resetAt) =>
        Error(429, "API rate limit exceeded.", null).WithHeader("X-RateLimit-Reset", resetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    private protected override SandboxAnswer Error(int statusCode, string message, TimeSpan? retryAfter)
    {
        if (statusCode != 429)
        {
            return Errors(statusCode, "server_error", null, message).WithRetryAfter(retryAfter);
        }

        // The documented rate-limit answer; no Retry-After means the hourly budget is spent.
        return SandboxAnswer.Json(429, new JsonObject
        {
            ["message"] = "API rate limit exceeded. Please try again in an hour.",
            ["documentation"] = "https://www.getdrip.com/docs/rest-api#rate-limting",
        }).WithHeader("X-RateLimit-Limit", "3600").WithHeader("X-RateLimit-Remaining", retryAfter is null ? "0" : "1").WithRetryAfter(retryAfter);
    }

    private protected override void ResetState()
    {
        _nextId = 9999999;
        _orders.Clear();
        _orderRecords.Clear();
    }

    private static SandboxAnswer Errors(int statusCode, string code, string? attribute, string message) =>
        Errors(statusCode, [Error(code, attribute, message)]);

    private static SandboxAnswer Errors(int statusCode, IEnumerable<JsonObject> errors) =>
        SandboxAnswer.Json(statusCode, new JsonObject { ["errors"] = new JsonArray([.. errors]) });

    private static JsonObject Error(string code, string? attribute, string message)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (attribute is not null)
        {
            error["attribute"] = attribute;
        }

        return error;
    }

    private SandboxAnswer CreateOrder(SandboxRequest request)
    {
        if (ParseObject(request.Body) is not { } order)
        {
            return Errors(422, "parsing_error", null, "JSON parsing error: the order must be an object");
        }

        var errors = ValidateOrder(order, prefix: string.Empty);
        if (errors.Count > 0)
        {
            return Errors(422, errors);
        }

        UpsertOrder(order);
        return SandboxAnswer.Json(202, new JsonObject { ["request_id"] = NewRequestId() });
    }

    private SandboxAnswer CreateOrderBatch(SandboxRequest request)
    {
        if (ParseObject(request.Body)?["orders"] is not JsonArray orders)
        {
            return Errors(422, "parsing_error", null, "JSON parsing error: orders must be an array");
        }

        if (orders.Count is < 1 or > 1000)
        {
            return Errors(422, "length_error", "orders", "Orders must hold between 1 and 1000 orders");
        }

        // Drip queues a batch as a whole; the sandbox refuses it as a whole when any order is invalid.
        var errors = new List<JsonObject>();
        for (var i = 0; i < orders.Count; i++)
        {
            errors.AddRange(orders[i] is JsonObject order
                ? ValidateOrder(order, string.Create(CultureInfo.InvariantCulture, $"orders[{i}]."))
                : [Error("format_error", string.Create(CultureInfo.InvariantCulture, $"orders[{i}]"), "Order must be an object")]);
        }

        if (errors.Count > 0)
        {
            return Errors(422, errors);
        }

        var ids = new JsonArray();
        foreach (var order in orders)
        {
            UpsertOrder((JsonObject)order!);
            ids.Add(NewRequestId());
        }

        return SandboxAnswer.Json(202, new JsonObject { ["request_ids"] = ids });
    }

    /// <summary>The checks of the order activity document's argument table: required members, actions, numbers, times.</summary>
    private static List<JsonObject> ValidateOrder(JsonObject order, string prefix)
    {
        var errors = new List<JsonObject>();
        if (string.IsNullOrWhiteSpace(Text(order["provider"])))
        {
            errors.Add(Error("presence_error", prefix + "provider", "Provider is required"));
        }

        if (string.IsNullOrWhiteSpace(Text(order["email"])) && string.IsNullOrWhiteSpace(Text(order["person_id"])))
        {
            errors.Add(Error("presence_error", prefix + "email", "Email or person_id is required"));
        }

        var action = Text(order["action"]);
        if (string.IsNullOrWhiteSpace(action))
        {
            errors.Add(Error("presence_error", prefix + "action", "Action is required"));
        }
        else if (!Actions.Contains(action, StringComparer.Ordinal))
        {
            errors.Add(Error("format_error", prefix + "action", "Action must be one of " + string.Join(", ", Actions)));
        }

        if (string.IsNullOrWhiteSpace(Text(order["order_id"])))
        {
            errors.Add(Error("presence_error", prefix + "order_id", "Order id is required"));
        }

        foreach (var amount in Amounts)
        {
            if (order[amount] is { } value && !IsNumber(value))
            {
                errors.Add(Error("format_error", prefix + amount, amount + " must be a number"));
            }
        }

        if (order["occurred_at"] is { } occurredAt
            && !DateTimeOffset.TryParse(Text(occurredAt), CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(Error("time_error", prefix + "occurred_at", "Occurred at must be a valid time in ISO-8601 format"));
        }

        if (order["items"] is { } items)
        {
            if (items is not JsonArray list)
            {
                errors.Add(Error("format_error", prefix + "items", "Items must be an array"));
            }
            else if (list.Any(item => string.IsNullOrWhiteSpace(Text(item?["name"]))))
            {
                errors.Add(Error("presence_error", prefix + "items.name", "Name is required"));
            }
        }

        return errors;
    }

    /// <summary>Creates the order, or updates the one with the same provider and order id (called under the lock).</summary>
    private void UpsertOrder(JsonObject order)
    {
        var key = (Text(order["provider"])!, Text(order["order_id"])!);
        var record = (JsonObject)order.DeepClone();
        if (_orders.TryGetValue(key, out var existing))
        {
            var updated = (JsonObject)existing.DeepClone();
            foreach (var (name, value) in record)
            {
                updated[name] = value?.DeepClone();
            }

            ReplaceRecord(existing, updated);
            _orderRecords.Remove(existing);
            record = updated;
        }
        else
        {
            record["occurred_at"] ??= Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            Store(record);
        }

        _orders[key] = record;
        _orderRecords.Add(record);
    }

    private static string NewRequestId() => Guid.NewGuid().ToString();

    private SandboxAnswer Create(SandboxRequest request, string subscriber)
    {
        if (ParseObject(request.Body)?["purchases"] is not JsonArray { Count: > 0 } purchases)
        {
            return Errors(422, "parsing_error", null, "JSON parsing error: purchases must be an array");
        }

        foreach (var purchase in purchases)
        {
            if (!IsNumber(purchase?["amount"]))
            {
                return Errors(422, "presence_error", "amount", "Amount can't be blank");
            }

            if (purchase!["items"] is JsonArray items)
            {
                foreach (var item in items)
                {
                    if (string.IsNullOrWhiteSpace(Text(item?["name"])))
                    {
                        return Errors(422, "presence_error", "items.name", "Name can't be blank");
                    }

                    if (!IsNumber(item!["amount"]))
                    {
                        return Errors(422, "presence_error", "items.amount", "Amount can't be blank");
                    }
                }
            }
        }

        foreach (var purchase in purchases)
        {
            var stored = (JsonObject)purchase!.DeepClone();
            stored["id"] = (_nextId++).ToString(CultureInfo.InvariantCulture);
            stored["occurred_at"] ??= Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            stored["links"] = new JsonObject { ["account"] = Credentials.DripAccountId, ["subscriber"] = subscriber };
            Store(stored);
        }

        return SandboxAnswer.Json(201, new JsonObject());
    }

    private SandboxAnswer List(SandboxRequest request, string subscriber)
    {
        var pageSize = Sandbox.Options.DripPageSize;
        var page = int.TryParse(request.Query.GetValueOrDefault("page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var all = OfSubscriber(subscriber).ToList();
        var items = all.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return SandboxAnswer.Json(200, new JsonObject
        {
            ["links"] = Links(),
            ["meta"] = new JsonObject
            {
                ["page"] = page,
                ["count"] = items.Count,
                ["total_pages"] = Math.Max(1, (all.Count + pageSize - 1) / pageSize),
                ["total_count"] = all.Count,
            },
            ["purchases"] = new JsonArray([.. items.Select(i => i.DeepClone())]),
        });
    }

    private SandboxAnswer Fetch(string subscriber, string id)
    {
        var found = OfSubscriber(subscriber).FirstOrDefault(r => Text(r["id"]) == id);
        return found is null
            ? Errors(404, "not_found_error", null, "The resource you requested was not found")
            : SandboxAnswer.Json(200, new JsonObject { ["links"] = Links(), ["purchases"] = new JsonArray(found.DeepClone()) });
    }

    private IEnumerable<JsonObject> OfSubscriber(string subscriber) =>
        StoredRecords.Where(r => string.Equals(Text(r["links"]?["subscriber"]), subscriber, StringComparison.OrdinalIgnoreCase));

    private static JsonObject Links() => new()
    {
        ["purchases.account"] = "https://api.getdrip.com/v2/accounts/{purchases.account}",
        ["purchases.subscriber"] = "https://api.getdrip.com/v2/subscribers/{purchases.subscriber}",
    };
}
