using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WireMock;

namespace PurchaseSdk.Testing;

/// <summary>
/// One emulated provider of a <see cref="PurchaseSandbox"/>: what it received, what it stored, and the faults it will
/// inject into its next calls.
/// </summary>
public abstract class SandboxProvider
{
    private readonly object _gate = new();
    private readonly List<SandboxRequest> _requests = [];
    private readonly List<JsonObject> _records = [];
    private readonly Queue<SandboxFault> _faults = new();

    private protected SandboxProvider(PurchaseSandbox sandbox, string name, string pathPrefix)
    {
        Sandbox = sandbox;
        Name = name;
        PathPrefix = pathPrefix;
    }

    /// <summary>The provider name, as in outcomes (<c>Kit</c>, <c>ElasticPath</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The address to configure as the provider's base address.</summary>
    public Uri Address => new(Sandbox.Url, PathPrefix);

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<SandboxRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every record the provider stored (purchases, checkouts, orders), as the provider would return them.</summary>
    public IReadOnlyList<JsonObject> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records.Select(static r => (JsonObject)r.DeepClone())];
            }
        }
    }

    /// <summary>The number of stored records.</summary>
    public int RecordCount
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>The faults still queued.</summary>
    public int PendingFaults
    {
        get
        {
            lock (_gate)
            {
                return _faults.Count;
            }
        }
    }

    private protected PurchaseSandbox Sandbox { get; }

    private protected string PathPrefix { get; }

    private protected SandboxCredentials Credentials => Sandbox.Credentials;

    private protected DateTimeOffset Now => Sandbox.Time.GetUtcNow();

    /// <summary>Makes the next <paramref name="count"/> calls to this provider fail with <paramref name="fault"/>.</summary>
    /// <remarks>Faults apply to API calls; Elastic Path's token endpoint is not affected.</remarks>
    public void FailNext(int count, SandboxFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(fault);
            }
        }
    }

    /// <summary>Drops every queued fault.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Forgets requests, records and faults.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _records.Clear();
            _faults.Clear();
            _windows.Clear();
            _rateLimitRefusals = 0;
            ResetState();
        }
    }

    /// <summary>
    /// Runs before WireMock: when the next fault closes the connection, records the request (and for
    /// accept-then-drop stores it), then aborts the connection without an answer. Returns false otherwise.
    /// </summary>
    internal async Task<bool> TryDropConnectionAsync(HttpContext context)
    {
        lock (_gate)
        {
            if (!_faults.TryPeek(out var next) || !ClosesConnection(next))
            {
                return false;
            }
        }

        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        context.Request.Body.Position = 0;
        var request = new SandboxRequest(
            context.Request.Method,
            Relative(PurchaseSandbox.RawPath(context)),
            context.Request.Query.ToDictionary(static q => q.Key, static q => q.Value.ToString(), StringComparer.Ordinal),
            context.Request.Headers.ToDictionary(static h => h.Key, static h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.Length == 0 ? null : body,
            Now);

        lock (_gate)
        {
            if (IsExemptFromFaults(request) || !_faults.TryPeek(out var fault) || !ClosesConnection(fault))
            {
                return false;
            }

            _faults.Dequeue();
            _requests.Add(request);
            if (fault.Kind == SandboxFaultKind.AcceptThenFail)
            {
                Handle(request);
            }
        }

        context.Abort();
        return true;
    }

    internal async Task<IResponseMessage> HandleAsync(IRequestMessage message)
    {
        var request = ToSandboxRequest(message);
        SandboxFault? fault = null;
        lock (_gate)
        {
            _requests.Add(request);
            if (SpendBudget(request) is { } resetAt)
            {
                _rateLimitRefusals++;
                return RateLimitAnswer(resetAt).ToResponseMessage();
            }

            // Faults that close the connection were taken by TryDropConnectionAsync, in front of WireMock.
            if (!IsExemptFromFaults(request) && _faults.TryPeek(out var next) && !ClosesConnection(next))
            {
                fault = _faults.Dequeue();
            }
        }

        switch (fault?.Kind)
        {
            case SandboxFaultKind.ErrorAnswer:
                return Error(fault.StatusCode, FaultMessage(fault.StatusCode), fault.RetryAfter).ToResponseMessage();
            case SandboxFaultKind.HtmlErrorPage:
                return SandboxAnswer.Html(fault.StatusCode, HtmlPage(fault.StatusCode)).ToResponseMessage();
        }

        SandboxAnswer answer;
        lock (_gate)
        {
            answer = Handle(request);
        }

        switch (fault?.Kind)
        {
            case SandboxFaultKind.Delay:
                try
                {
                    await Task.Delay(fault.Delay, Sandbox.Time, Sandbox.Stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The sandbox is stopping; the held answer is no longer wanted.
                }

                return answer.ToResponseMessage();
            case SandboxFaultKind.AcceptThenFail:
                return Error(fault.StatusCode, FaultMessage(fault.StatusCode), null).ToResponseMessage();
            case SandboxFaultKind.MalformedAnswer:
                return answer.Truncated().ToResponseMessage();
            default:
                return answer.ToResponseMessage();
        }
    }

    /// <summary>Emulates the provider for one request (called under the provider's lock).</summary>
    private protected abstract SandboxAnswer Handle(SandboxRequest request);

    /// <summary>How many requests the emulated request budget refused with 429 (see <see cref="PurchaseSandboxOptions.EmulateRateLimits"/>).</summary>
    public int RateLimitRefusals
    {
        get
        {
            lock (_gate)
            {
                return _rateLimitRefusals;
            }
        }
    }

    /// <summary>The provider's documented request budget, kept when <see cref="PurchaseSandboxOptions.EmulateRateLimits"/> is on.</summary>
    private protected virtual (int Permits, TimeSpan Window)? DocumentedRateLimit => null;

    /// <summary>The provider's answer once its budget is spent, the window ending at <paramref name="resetAt"/>.</summary>
    private protected virtual SandboxAnswer RateLimitAnswer(DateTimeOffset resetAt) => Error(429, "Rate limit exceeded", null);

    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);
    private int _rateLimitRefusals;

    /// <summary>Counts the request against its credential's fixed window; the window's end when it is over budget, else null.</summary>
    private DateTimeOffset? SpendBudget(SandboxRequest request)
    {
        if (!Sandbox.Options.EmulateRateLimits || IsExemptFromFaults(request) || DocumentedRateLimit is not { } limit)
        {
            return null;
        }

        var credential = request.Headers.TryGetValue("Authorization", out var authorization) ? authorization : string.Empty;
        var now = Now;
        var window = _windows.TryGetValue(credential, out var current) && now < current.Start + limit.Window ? current : (Start: now, Count: 0);
        window.Count++;
        _windows[credential] = window;
        return window.Count > limit.Permits ? window.Start + limit.Window : null;
    }

    /// <summary>Points the provider's options at this emulator with the sandbox's credentials (after the application's configuration).</summary>
    internal abstract void UseIn(Microsoft.Extensions.DependencyInjection.IServiceCollection services);

    /// <summary>The context a purchase needs for this provider to accept it, or null when it needs none.</summary>
    internal virtual object? CreateContext(string cartReference) => null;

    /// <summary>The provider's own error answer.</summary>
    private protected abstract SandboxAnswer Error(int statusCode, string message, TimeSpan? retryAfter);

    /// <summary>Requests that faults never touch (token endpoints).</summary>
    private protected virtual bool IsExemptFromFaults(SandboxRequest request) => false;

    /// <summary>Clears provider-specific state (called under the lock).</summary>
    private protected virtual void ResetState()
    {
    }

    /// <summary>Stores a record (called under the lock, from <see cref="Handle"/>).</summary>
    private protected void Store(JsonObject record) => _records.Add(record);

    /// <summary>The stored records (called under the lock).</summary>
    private protected IReadOnlyList<JsonObject> StoredRecords => _records;

    /// <summary>Replaces a stored record in place, for providers that upsert (called under the lock, from <see cref="Handle"/>).</summary>
    private protected void ReplaceRecord(JsonObject stored, JsonObject replacement)
    {
        var index = _records.IndexOf(stored);
        if (index < 0)
        {
            throw new InvalidOperationException("The record to replace is not stored.");
        }

        _records[index] = replacement;
    }

    /// <summary>Reads provider-specific state under the provider's lock.</summary>
    private protected T UnderLock<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private protected static JsonObject? ParseObject(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private protected static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text
        : node is JsonValue number && number.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number ? element.GetRawText()
        : null;

    private protected static bool IsNumber(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number;

    private static string HtmlPage(int statusCode) =>
        $"<!DOCTYPE html><html><head><title>{statusCode} Error</title></head><body><h1>{statusCode} Error</h1>"
        + string.Concat(Enumerable.Repeat("<p>The upstream server did not answer in time. Please try again later.</p>", 40))
        + "</body></html>";

    private static string FaultMessage(int statusCode) => statusCode switch
    {
        429 => "Rate limit exceeded",
        500 => "Internal server error",
        502 => "Bad gateway",
        503 => "Service unavailable",
        504 => "Gateway timeout",
        _ => "Sandbox fault " + statusCode,
    };

    private static bool ClosesConnection(SandboxFault fault) =>
        fault.Kind == SandboxFaultKind.DropConnection || (fault.Kind == SandboxFaultKind.AcceptThenFail && fault.StatusCode == 0);

    private string Relative(string path)
    {
        var relative = path.StartsWith(PathPrefix, StringComparison.Ordinal) ? path[PathPrefix.Length..] : path;
        return relative.Length == 0 ? "/" : relative;
    }

    private SandboxRequest ToSandboxRequest(IRequestMessage message)
    {
        var raw = message.Headers?.TryGetValue(PurchaseSandbox.RawPathHeader, out var rawValues) == true ? rawValues.FirstOrDefault() : null;
        var path = Relative(raw ?? message.Path);
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (message.Query is { } parameters)
        {
            foreach (var (key, values) in parameters)
            {
                query[Uri.UnescapeDataString(key)] = values.FirstOrDefault() ?? string.Empty;
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (message.Headers is { } all)
        {
            foreach (var (key, values) in all)
            {
                if (!string.Equals(key, PurchaseSandbox.RawPathHeader, StringComparison.OrdinalIgnoreCase))
                {
                    headers[key] = values.FirstOrDefault() ?? string.Empty;
                }
            }
        }

        return new SandboxRequest(message.Method, path, query, headers, message.Body, Now);
    }
}
