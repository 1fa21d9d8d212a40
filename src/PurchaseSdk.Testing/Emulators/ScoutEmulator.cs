using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Scout;

namespace PurchaseSdk.Testing.Emulators;

/// <summary>
/// Scout's ingest and OAuth helpers (https://github.com/TrantonLLC/slate/blob/master/source/includes/_checkouts.md): <c>x-api-key</c>, the user's access token in the
/// body, 403 for either being wrong, <c>{"success": false, "message"}</c> errors, and <c>{"success": true}</c>.
/// </summary>
internal sealed class ScoutEmulator : SandboxProvider
{
    private static readonly string[] Required = ["order_id", "purchase_currency", "purchase_price", "name", "size", "user_id", "access_token", "checkout_time"];
    private static readonly string[] Currencies = ["usd", "eur", "gbp", "cad", "cny", "hkd", "aud", "dkk", "sek", "czk"];

    public ScoutEmulator(PurchaseSandbox sandbox)
        : base(sandbox, "Scout", "/scout")
    {
    }

    internal override void UseIn(IServiceCollection services) =>
        services.PostConfigure<ScoutOptions>(o =>
        {
            o.BaseAddress = Address;
            o.ApiAddress = Address;
            o.ApiKey = Credentials.ScoutApiKey;
        });

    internal override object? CreateContext(string cartReference) => new ScoutUserContext(Credentials.ScoutUserId, Credentials.ScoutUserAccessToken);

    private protected override SandboxAnswer Handle(SandboxRequest request)
    {
        if (request.Headers.GetValueOrDefault("x-api-key") != Credentials.ScoutApiKey)
        {
            return Error(403, "Incorrect API key or incorrect access_token", null);
        }

        return (request.Method, request.Path) switch
        {
            ("POST", "/ingest") => Ingest(request),
            ("POST", "/api/v1/oauth/token") => ExchangeCode(request),
            ("GET", "/api/v1/oauth/info") => Info(request),
            _ => Error(404, "Not found", null),
        };
    }

    private protected override SandboxAnswer Error(int statusCode, string message, TimeSpan? retryAfter) =>
        SandboxAnswer.Json(statusCode, new JsonObject { ["success"] = false, ["message"] = message }).WithRetryAfter(retryAfter);

    private SandboxAnswer Ingest(SandboxRequest request)
    {
        if (ParseObject(request.Body) is not { } checkout)
        {
            return Error(400, "The body must be a JSON checkout", null);
        }

        foreach (var field in Required)
        {
            if (checkout[field] is null)
            {
                return Error(400, $"Missing required field: {field}", null);
            }
        }

        if (!IsNumber(checkout["purchase_price"]) || !IsNumber(checkout["checkout_time"]) || !IsNumber(checkout["user_id"]))
        {
            return Error(400, "purchase_price, user_id and checkout_time must be numbers", null);
        }

        if (!Currencies.Contains(Text(checkout["purchase_currency"])))
        {
            return Error(422, "Could not process request: unsupported currency", null);
        }

        if (Text(checkout["user_id"]) != Credentials.ScoutUserId.ToString(System.Globalization.CultureInfo.InvariantCulture)
            || Text(checkout["access_token"]) != Credentials.ScoutUserAccessToken)
        {
            return Error(403, "Incorrect API key or incorrect access_token", null);
        }

        Store((JsonObject)checkout.DeepClone());
        return SandboxAnswer.Json(200, new JsonObject { ["success"] = true });
    }

    private SandboxAnswer ExchangeCode(SandboxRequest request)
    {
        var body = ParseObject(request.Body);
        if (Text(body?["code"]) != Credentials.ScoutAuthorizationCode || string.IsNullOrWhiteSpace(Text(body?["redirect_uri"])))
        {
            return Error(400, "Invalid code or redirect_uri", null);
        }

        return SandboxAnswer.Json(200, new JsonObject
        {
            ["success"] = true,
            ["user"] = new JsonObject
            {
                ["id"] = Credentials.ScoutUserId,
                ["access_token"] = Credentials.ScoutUserAccessToken,
                ["scopes"] = new JsonArray("checkouts", "username"),
            },
        });
    }

    private SandboxAnswer Info(SandboxRequest request) =>
        request.Query.GetValueOrDefault("access_token") == Credentials.ScoutUserAccessToken
            ? SandboxAnswer.Json(200, new JsonObject { ["success"] = true, ["user"] = new JsonObject { ["id"] = Credentials.ScoutUserId, ["username"] = "sandbox-user" } })
            : Error(403, "Incorrect API key or incorrect access_token", null);
}
