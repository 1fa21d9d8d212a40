using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PurchaseSdk.Testing.Emulators;

/// <summary>
/// Drip's v2 purchases (seed 003; providers.md §4): Basic or Bearer credentials, <c>{"errors": [{code, attribute,
/// message}]}</c> bodies, 415 for the vendor media type, 201 <c>{}</c>, and paged lists per subscriber.
/// </summary>
internal sealed class DripEmulator : SandboxProvider
{
    private long _nextId = 9999999;

    public DripEmulator(PurchaseSandbox sandbox)
        : base(sandbox, "Drip", "/drip")
    {
    }

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

        // /v2/{account}/subscribers/{subscriber}/purchases[/{id}]
        var segments = request.PathSegments;
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

    private protected override void ResetState() => _nextId = 9999999;

    private static SandboxAnswer Errors(int statusCode, string code, string? attribute, string message)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (attribute is not null)
        {
            error["attribute"] = attribute;
        }

        return SandboxAnswer.Json(statusCode, new JsonObject { ["errors"] = new JsonArray(error) });
    }

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
