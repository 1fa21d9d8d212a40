using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PurchaseSdk.Delivery.Dashboard.Diagnostics;
using PurchaseSdk.Delivery.Dashboard.Json;
using PurchaseSdk.Delivery.Dashboard.Privacy;

namespace PurchaseSdk.Delivery.Dashboard.Endpoints;

/// <summary>
/// The dashboard's endpoints: the page, its files and the JSON API under one route group. Every endpoint is a plain
/// <see cref="RequestDelegate"/> (no reflection, no generated binding) wrapped in the access check and security headers;
/// JSON is source-generated. Everything reads and acts through <see cref="IPurchaseDeliveryAdmin"/>, so it works on
/// every store.
/// </summary>
internal sealed class DashboardEndpoints
{
    private const int MaxPageSize = 200;
    private const int DefaultPageSize = 50;
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxReferenceLength = 500;
    private const int MaxFilterLength = 200;

    // The page loads its script, styles and icon from the package only, and talks to its own JSON API only.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly DashboardJsonContext Json = DashboardJsonContext.Default;

    private readonly IOptions<PurchaseDeliveryDashboardOptions> _options;
    private readonly IAntiforgery _antiforgery;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DashboardAssets _assets = new();

    private DashboardEndpoints(IServiceProvider services)
    {
        _options = services.GetRequiredService<IOptions<PurchaseDeliveryDashboardOptions>>();
        _antiforgery = services.GetRequiredService<IAntiforgery>();
        _time = services.GetRequiredService<TimeProvider>();
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("PurchaseSdk.Delivery.Dashboard");
    }

    private PurchaseDeliveryDashboardOptions Options => _options.Value;

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string pattern)
    {
        var services = endpoints.ServiceProvider;
        if (services.GetService<DashboardMarker>() is null)
        {
            throw new InvalidOperationException("The PurchaseSdk delivery dashboard needs its services: call builder.Services.AddPurchaseDeliveryDashboard() before mapping it.");
        }

        if (services.GetService<IPurchaseDeliveryAdmin>() is null)
        {
            throw new InvalidOperationException("The PurchaseSdk delivery dashboard shows durable delivery, which is not added: call AddPurchaseSdk(...).AddDelivery(d => d.UseSqlite(...)) (or another store).");
        }

        if (services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.HeaderName is null)
        {
            throw new InvalidOperationException("The PurchaseSdk delivery dashboard sends its anti-forgery token in a header: AntiforgeryOptions.HeaderName must not be null.");
        }

        var dashboard = new DashboardEndpoints(services);
        var group = endpoints.MapGroup(pattern);
        group.WithDisplayName(static b => "PurchaseSdk delivery dashboard " + b.DisplayName);

        // The page: "{pattern}" and "{pattern}/" reach the same endpoint; the first is redirected so relative links work.
        group.MapGet("/", dashboard.Guard(dashboard.PageAsync));
        group.MapGet("/assets/{name}", dashboard.Guard(dashboard.AssetAsync));

        group.MapGet("/api/session", dashboard.Guard(dashboard.SessionAsync));
        group.MapGet("/api/overview", dashboard.Guard(dashboard.OverviewAsync));
        group.MapGet("/api/history", dashboard.Guard(dashboard.HistoryAsync));
        group.MapGet("/api/deliveries", dashboard.Guard(dashboard.ListAsync));
        group.MapGet("/api/deliveries/{id:long}", dashboard.Guard(dashboard.DeliveryAsync));
        group.MapGet("/api/order", dashboard.Guard(dashboard.OrderAsync));

        group.MapPost("/api/deliveries/{id:long}/redrive", dashboard.Guard(c => dashboard.ActAsync(c, DashboardAction.Redrive)));
        group.MapPost("/api/deliveries/{id:long}/resolve", dashboard.Guard(c => dashboard.ActAsync(c, DashboardAction.Resolve)));
        group.MapPost("/api/deliveries/{id:long}/resend", dashboard.Guard(c => dashboard.ActAsync(c, DashboardAction.Resend)));
        group.MapPost("/api/deliveries/{id:long}/cancel", dashboard.Guard(c => dashboard.ActAsync(c, DashboardAction.Cancel)));
        return group;
    }

    /// <summary>Security headers on every answer, then the access check, then the endpoint.</summary>
    private RequestDelegate Guard(RequestDelegate endpoint) => async context =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-store";

        if (DashboardAccess.Check(context, Options) is { } refusal)
        {
            DashboardLog.AccessRefused(_logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", refusal.Reason);
            context.Response.StatusCode = refusal.Status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(refusal.Reason, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await endpoint(context).ConfigureAwait(false);
    };

    private async Task PageAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.EndsWith('/'))
        {
            context.Response.Redirect(context.Request.PathBase + path + "/" + context.Request.QueryString);
            return;
        }

        await WriteAssetAsync(context, _assets.Get("index.html")!).ConfigureAwait(false);
    }

    private async Task AssetAsync(HttpContext context)
    {
        var name = context.Request.RouteValues["name"] as string;
        if (name is null or "index.html" || _assets.Get(name) is not { } asset)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await WriteAssetAsync(context, asset).ConfigureAwait(false);
    }

    private static async Task WriteAssetAsync(HttpContext context, DashboardAssets.Asset asset)
    {
        // Revalidated on every load, so an upgraded package never runs an old script.
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        await context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>GET api/session: issues the anti-forgery token (cookie + request token) and says who is asking.</summary>
    private Task SessionAsync(HttpContext context)
    {
        var tokens = _antiforgery.GetAndStoreTokens(context);
        var user = DashboardAccess.Actor(context);
        var session = new SessionJson(tokens.HeaderName!, tokens.RequestToken!, Text(user)!, Options.ReadOnly, _time.GetUtcNow());
        return WriteAsync(context, session, Json.SessionJson);
    }

    private async Task OverviewAsync(HttpContext context)
    {
        var statistics = await Admin(context).GetStatisticsAsync(context.RequestAborted).ConfigureAwait(false);
        var totals = Enum.GetValues<DeliveryState>().Select(s => new StateCountJson(s, statistics.Count(s))).ToList();
        var providers = statistics.Counts.Select(c => c.Provider).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var counts = statistics.Counts
            .OrderBy(c => c.Provider, StringComparer.Ordinal).ThenBy(c => c.State)
            .Select(c => new ProviderStateCountJson(c.Provider, c.State, c.Count)).ToList();
        var overview = new OverviewJson(_time.GetUtcNow(), statistics.OldestPendingAge?.TotalSeconds, totals, providers, counts);
        await WriteAsync(context, overview, Json.OverviewJson).ConfigureAwait(false);
    }

    private async Task HistoryAsync(HttpContext context)
    {
        if (!TryInt(context, "hours", 24, 1, 24 * 31, out var hours) || !TryInt(context, "bucketMinutes", 60, 1, 24 * 60, out var bucketMinutes))
        {
            await ProblemAsync(context, 400, "Bad query", "hours must be 1 to 744 and bucketMinutes 1 to 1440.").ConfigureAwait(false);
            return;
        }

        var window = TimeSpan.FromHours(hours);
        var bucket = TimeSpan.FromMinutes(bucketMinutes);
        if (window < bucket || window.Ticks / bucket.Ticks > 1000)
        {
            await ProblemAsync(context, 400, "Bad query", "The window must hold between 1 and 1,000 buckets.").ConfigureAwait(false);
            return;
        }

        var history = await Admin(context).GetHistoryAsync(window, bucket, context.RequestAborted).ConfigureAwait(false);
        var json = new HistoryJson(
            history.From,
            history.BucketSize.TotalSeconds,
            history.Buckets.Select(b => new HistoryBucketJson(b.Start, b.Succeeded, b.Failed, b.Indeterminate)).ToList());
        await WriteAsync(context, json, Json.HistoryJson).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        DeliveryState? state = null;
        if (query["state"].ToString() is { Length: > 0 } stateText)
        {
            if (!char.IsLetter(stateText[0]) || !Enum.TryParse<DeliveryState>(stateText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                await ProblemAsync(context, 400, "Bad query", $"state must be one of {string.Join(", ", Enum.GetNames<DeliveryState>())}.").ConfigureAwait(false);
                return;
            }

            state = parsed;
        }

        var provider = Filter(query["provider"].ToString());
        var orderId = Filter(query["orderId"].ToString());
        long? afterId = null;
        if (query["afterId"].ToString() is { Length: > 0 } afterText)
        {
            if (!long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
            {
                await ProblemAsync(context, 400, "Bad query", "afterId must be a delivery id.").ConfigureAwait(false);
                return;
            }

            afterId = after;
        }

        if (!TryInt(context, "pageSize", DefaultPageSize, 1, MaxPageSize, out var pageSize))
        {
            await ProblemAsync(context, 400, "Bad query", $"pageSize must be 1 to {MaxPageSize}.").ConfigureAwait(false);
            return;
        }

        if (provider?.Length > MaxFilterLength || orderId?.Length > MaxFilterLength)
        {
            await ProblemAsync(context, 400, "Bad query", $"provider and orderId are at most {MaxFilterLength} characters.").ConfigureAwait(false);
            return;
        }

        var admin = Admin(context);
        var filter = new DeliveryFilter { State = state, Provider = provider, OrderId = orderId };
        var page = await admin.ListAsync(new DeliveryQuery { Filter = filter, PageSize = pageSize, AfterId = afterId }, context.RequestAborted).ConfigureAwait(false);
        var total = await admin.CountAsync(filter, context.RequestAborted).ConfigureAwait(false);
        var list = new DeliveryListJson(page.Items.Select(ToJson).ToList(), total, pageSize, page.NextAfterId, _time.GetUtcNow());
        await WriteAsync(context, list, Json.DeliveryListJson).ConfigureAwait(false);
    }

    private async Task DeliveryAsync(HttpContext context)
    {
        var id = Id(context);
        var delivery = await Admin(context).GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (delivery is null)
        {
            await ProblemAsync(context, 404, "Not found", $"No delivery has id {id}.").ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, ToJson(delivery), Json.DeliveryJson).ConfigureAwait(false);
    }

    private async Task OrderAsync(HttpContext context)
    {
        var orderId = context.Request.Query["orderId"].ToString();
        if (orderId.Length is 0 or > MaxFilterLength)
        {
            await ProblemAsync(context, 400, "Bad query", "orderId is required (at most 200 characters).").ConfigureAwait(false);
            return;
        }

        var order = await Admin(context).GetOrderAsync(orderId, context.RequestAborted).ConfigureAwait(false);
        if (order is null)
        {
            await ProblemAsync(context, 404, "Not found", "No purchase with this order id was enqueued.").ConfigureAwait(false);
            return;
        }

        var json = new OrderJson(order.OrderId, order.EnqueuedAt, order.HasPayload, order.Deliveries.Select(ToJson).ToList(), _time.GetUtcNow());
        await WriteAsync(context, json, Json.OrderJson).ConfigureAwait(false);
    }

    /// <summary>
    /// An action: a POST with a valid anti-forgery token, on a dashboard that is not read-only; logged with who did it.
    /// Answers 200 (changed), 404 (no such delivery) or 409 (not allowed in its current state), with the delivery as it is now.
    /// </summary>
    private async Task ActAsync(HttpContext context, DashboardAction action)
    {
        var id = Id(context);
        var actor = DashboardAccess.Actor(context);
        if (!await _antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            DashboardLog.AntiforgeryRefused(_logger, action.Name, id, actor);
            await ProblemAsync(context, 400, "Anti-forgery token missing or invalid", $"Send the token from GET api/session in the request header; reload the page to get a new one.").ConfigureAwait(false);
            return;
        }

        if (Options.ReadOnly)
        {
            DashboardLog.ReadOnlyRefused(_logger, action.Name, id, actor);
            await ProblemAsync(context, 403, "Read-only", "This dashboard is read-only: it changes nothing.").ConfigureAwait(false);
            return;
        }

        string? reference = null;
        if (action == DashboardAction.Resolve)
        {
            if (await ReadBodyAsync(context, Json.ResolveRequestJson).ConfigureAwait(false) is not { } resolve)
            {
                return;
            }

            reference = string.IsNullOrWhiteSpace(resolve.ProviderReference) ? null : resolve.ProviderReference.Trim();
            if (reference is { Length: > MaxReferenceLength } || (reference is not null && reference.Any(char.IsControl)))
            {
                await ProblemAsync(context, 400, "Bad reference", $"The provider reference is at most {MaxReferenceLength} characters, on one line.").ConfigureAwait(false);
                return;
            }
        }
        else if (action == DashboardAction.Resend)
        {
            if (await ReadBodyAsync(context, Json.ResendRequestJson).ConfigureAwait(false) is not { } resend)
            {
                return;
            }

            if (!resend.AcceptDuplicateRisk)
            {
                await ProblemAsync(context, 400, "Confirmation required", "Sending an indeterminate delivery again may create a duplicate purchase at the provider: send acceptDuplicateRisk = true once you checked that the provider did not record it.").ConfigureAwait(false);
                return;
            }
        }

        var admin = Admin(context);
        var before = await admin.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (before is null)
        {
            await WriteAsync(context, new ActionResultJson(action.Name, id, DeliveryChangeResult.NotFound, $"No delivery has id {id}.", null), Json.ActionResultJson, 404).ConfigureAwait(false);
            return;
        }

        // Not cancelled by the client going away: a change that started is seen through and logged.
        var result = action.Name switch
        {
            "redrive" => await admin.RedriveAsync(id, CancellationToken.None).ConfigureAwait(false),
            "resolve" => await admin.ResolveAsDeliveredAsync(id, reference, CancellationToken.None).ConfigureAwait(false),
            "resend" => await admin.ResendAcceptingDuplicateRiskAsync(id, CancellationToken.None).ConfigureAwait(false),
            _ => await admin.CancelAsync(id, CancellationToken.None).ConfigureAwait(false),
        };
        var logged = EmailMasker.Mask(before.OrderId)!;
        switch (action.Name)
        {
            case "redrive":
                DashboardLog.Redrove(_logger, actor, id, logged, before.Provider, result);
                break;
            case "resolve":
                DashboardLog.ResolvedAsDelivered(_logger, actor, id, logged, before.Provider, EmailMasker.Mask(reference) ?? "none", result);
                break;
            case "resend":
                DashboardLog.Resent(_logger, actor, id, logged, before.Provider, result);
                break;
            default:
                DashboardLog.Cancelled(_logger, actor, id, logged, before.Provider, result);
                break;
        }

        var after = await admin.GetAsync(id, CancellationToken.None).ConfigureAwait(false);
        var message = result switch
        {
            DeliveryChangeResult.Changed => $"Delivery #{id} ({before.Provider}, order {before.OrderId}) {action.Done}: now {after?.State.ToString() ?? "gone"}.",
            DeliveryChangeResult.NotFound => $"No delivery has id {id}.",
            _ => $"Delivery #{id} is {after?.State.ToString() ?? before.State.ToString()}: it cannot be {action.Done} in that state.",
        };
        var status = result switch
        {
            DeliveryChangeResult.Changed => 200,
            DeliveryChangeResult.NotFound => 404,
            _ => 409,
        };
        await WriteAsync(context, new ActionResultJson(action.Name, id, result, message, after is null ? null : ToJson(after)), Json.ActionResultJson, status).ConfigureAwait(false);
    }

    private static async Task<T?> ReadBodyAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            await ProblemAsync(context, 415, "JSON expected", "Send the body as application/json.").ConfigureAwait(false);
            return null;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await ProblemAsync(context, 413, "Body too large", "The body is at most 16 KiB.").ConfigureAwait(false);
            return null;
        }

        try
        {
            var body = await context.Request.ReadFromJsonAsync(type, context.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                await ProblemAsync(context, 400, "Bad body", "The body is empty.").ConfigureAwait(false);
            }

            return body;
        }
        catch (JsonException)
        {
            await ProblemAsync(context, 400, "Bad body", "The body is not the JSON this action expects.").ConfigureAwait(false);
            return null;
        }
    }

    private DeliveryJson ToJson(DeliveryRecord d) => new(
        d.Id,
        d.OrderId,
        d.Provider,
        d.State,
        d.EnqueuedAt,
        d.UpdatedAt,
        d.NextAttemptAt,
        d.FinishedAt,
        d.LeasedUntil,
        d.Attempts,
        d.EarlierAttemptMayHaveLanded,
        Text(d.ProviderReference),
        Text(d.LastError),
        Text(d.Resolution),
        Actions(d.State),
        d.History.Select(a => new AttemptJson(a.Number, a.StartedAt, a.EndedAt, a.Outcome, a.Resumed, a.ProviderAttempts, Text(a.ProviderReference), Text(a.Message))).ToList());

    /// <summary>What the page may offer for a delivery in <paramref name="state"/> (the admin API decides again on the POST).</summary>
    private IReadOnlyList<string> Actions(DeliveryState state) => Options.ReadOnly
        ? []
        : state switch
        {
            DeliveryState.Failed => ["redrive", "cancel"],
            DeliveryState.Indeterminate => ["resolve", "resend", "cancel"],
            DeliveryState.Pending => ["cancel"],
            _ => [],
        };

    /// <summary>Free text as the page may show it: customer emails masked unless the options show them.</summary>
    private string? Text(string? text) => Options.ShowCustomerEmails ? text : EmailMasker.Mask(text);

    private static IPurchaseDeliveryAdmin Admin(HttpContext context) => context.RequestServices.GetRequiredService<IPurchaseDeliveryAdmin>();

    private static long Id(HttpContext context) =>
        long.Parse((string)context.Request.RouteValues["id"]!, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string? Filter(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryInt(HttpContext context, string name, int fallback, int min, int max, out int value)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type, int status = 200)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, type, "application/json; charset=utf-8", context.RequestAborted);
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemJson(title, status, detail), Json.ProblemJson, "application/problem+json; charset=utf-8", context.RequestAborted);
    }

    /// <summary>The four actions, with their route name and the words the answer uses.</summary>
    private sealed record DashboardAction(string Name, string Done)
    {
        public static readonly DashboardAction Redrive = new("redrive", "re-driven");
        public static readonly DashboardAction Resolve = new("resolve", "resolved as delivered");
        public static readonly DashboardAction Resend = new("resend", "re-sent");
        public static readonly DashboardAction Cancel = new("cancel", "cancelled");
    }
}
