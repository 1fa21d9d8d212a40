using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Kit;

namespace PurchaseSdk.Testing.Emulators;

/// <summary>
/// Kit's v4 purchases (https://developers.kit.com/api-reference/purchases/create-a-purchase): OAuth bearer only, <c>{"errors": [...]}</c> bodies, 422 for a
/// missing field, the purchase echoed with an id, cursor paging, and a plain-text 429.
/// </summary>
internal sealed class KitEmulator : SandboxProvider
{
    private long _nextId = 1336;

    public KitEmulator(PurchaseSandbox sandbox)
        : base(sandbox, "Kit", "/kit")
    {
    }

    internal override void UseIn(IServiceCollection services) =>
        services.PostConfigure<KitOptions>(o =>
        {
            o.BaseAddress = Address;
            o.AccessToken = Credentials.KitAccessToken;
        });

    private protected override SandboxAnswer Handle(SandboxRequest request)
    {
        if (request.Headers.GetValueOrDefault("Authorization") != "Bearer " + Credentials.KitAccessToken)
        {
            return Error(401, "The access token is invalid", null);
        }

        return (request.Method, request.Path) switch
        {
            ("POST", "/v4/purchases") => Create(request),
            ("GET", "/v4/purchases") => List(request),
            ("GET", var path) when path.StartsWith("/v4/purchases/", StringComparison.Ordinal) => Get(path["/v4/purchases/".Length..]),
            _ => Error(404, "Not Found", null),
        };
    }

    private protected override SandboxAnswer Error(int statusCode, string message, TimeSpan? retryAfter) =>
        statusCode == 429
            ? SandboxAnswer.Text(429, "Retry later").WithRetryAfter(retryAfter)
            : SandboxAnswer.Json(statusCode, new JsonObject { ["errors"] = new JsonArray(message) }).WithRetryAfter(retryAfter);

    private protected override void ResetState() => _nextId = 1336;

    /// <summary>600 requests per 60 s per OAuth token (https://developers.kit.com/api-reference/rate-limits); the 429 is plain text.</summary>
    private protected override (int Permits, TimeSpan Window)? DocumentedRateLimit => (600, TimeSpan.FromSeconds(60));

    private SandboxAnswer Create(SandboxRequest request)
    {
        if (ParseObject(request.Body)?["purchase"] is not JsonObject purchase)
        {
            return Error(422, "Purchase is required", null);
        }

        var problems = new List<string>();
        if (Text(purchase["email_address"]) is not { } email || !email.Contains('@', StringComparison.Ordinal))
        {
            problems.Add("Email address is invalid");
        }

        if (string.IsNullOrWhiteSpace(Text(purchase["transaction_id"])))
        {
            problems.Add("Transaction cannot be blank");
        }

        if (Text(purchase["currency"]) is not { Length: 3 })
        {
            problems.Add("Currency is invalid");
        }

        if (purchase["products"] is not JsonArray { Count: > 0 } products || products.Any(p => string.IsNullOrWhiteSpace(Text(p?["name"]))))
        {
            problems.Add("Products must have a name");
        }

        if (problems.Count > 0)
        {
            return SandboxAnswer.Json(422, new JsonObject { ["errors"] = new JsonArray([.. problems.Select(p => (JsonNode?)p)]) });
        }

        var stored = (JsonObject)purchase.DeepClone();
        stored["id"] = _nextId++;
        stored["subscriber_id"] = 2000 + StoredRecords.Count;
        Store(stored);
        return SandboxAnswer.Json(201, new JsonObject { ["purchase"] = stored.DeepClone() });
    }

    private SandboxAnswer List(SandboxRequest request)
    {
        var perPage = int.TryParse(request.Query.GetValueOrDefault("per_page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? Math.Clamp(size, 1, 1000) : 500;
        var after = Cursor(request.Query.GetValueOrDefault("after"));
        var all = StoredRecords.Where(r => (long)r["id"]! > after).ToList();
        var page = all.Take(perPage).ToList();
        var pagination = new JsonObject
        {
            ["has_previous_page"] = after > 0,
            ["has_next_page"] = all.Count > page.Count,
            ["start_cursor"] = page.Count == 0 ? null : MakeCursor((long)page[0]["id"]! - 1),
            ["end_cursor"] = page.Count == 0 ? null : MakeCursor((long)page[^1]["id"]!),
            ["per_page"] = perPage,
        };
        if (request.Query.GetValueOrDefault("include_total_count") == "true")
        {
            pagination["total_count"] = StoredRecords.Count;
        }

        return SandboxAnswer.Json(200, new JsonObject
        {
            ["purchases"] = new JsonArray([.. page.Select(p => p.DeepClone())]),
            ["pagination"] = pagination,
        });
    }

    private SandboxAnswer Get(string id)
    {
        var found = StoredRecords.FirstOrDefault(r => r["id"]!.ToString() == id);
        return found is null ? Error(404, "Not Found", null) : SandboxAnswer.Json(200, new JsonObject { ["purchase"] = found.DeepClone() });
    }

    // Kit's cursors look like base64 of "[3]" (WzNd); the sandbox uses the last id of a page.
    private static string MakeCursor(long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"[{id}]"));

    private static long Cursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Trim('[', ']');
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}
