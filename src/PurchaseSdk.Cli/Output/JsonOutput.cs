using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PurchaseSdk.Delivery;

namespace PurchaseSdk.Cli.Output;

/// <summary>The <c>--json</c> shapes: stable, camelCase, secrets masked exactly as in the readable output.</summary>
internal static class JsonOutput
{
    public static void Write<T>(CliContext context, T value, JsonTypeInfo<T> typeInfo)
    {
        var json = JsonSerializer.Serialize(value, typeInfo);
        var writer = context.Out.Profile.Out.Writer;
        writer.Write(json);
        writer.Write('\n');
        writer.Flush();
    }

    public static PreviewJson From(PurchasePreview preview) => new(
        preview.OrderId,
        [.. preview.Providers.Select(static p => new ProviderPreviewJson(
            p.Provider,
            p.SkipReason,
            p.Error?.Message,
            [.. p.Notes],
            [.. p.Requests.Select(static r => new RequestJson(
                r.Method,
                r.Url.AbsoluteUri,
                [.. r.Headers.Select(static h => new HeaderJson(h.Key, h.Value))],
                r.Body))]))]);

    public static ReportJson From(PurchaseReport report) => new(
        report.OrderId,
        report.Succeeded,
        [.. report.Outcomes.Select(static o => new OutcomeJson(
            o.Provider, o.Status.ToString(), o.ProviderReference, o.Attempts, (long)o.Elapsed.TotalMilliseconds, o.Message))]);

    public static DeliveryJson From(DeliveryRecord d) => new(
        d.Id,
        d.OrderId,
        d.Provider,
        d.State.ToString(),
        d.Attempts,
        d.EnqueuedAt,
        d.UpdatedAt,
        d.NextAttemptAt,
        d.FinishedAt,
        d.EarlierAttemptMayHaveLanded,
        d.ProviderReference,
        d.LastError,
        d.Resolution,
        d.History.Count == 0 ? null : [.. d.History.Select(static a => new AttemptJson(
            a.Number, a.StartedAt, a.EndedAt, a.Outcome.ToString(), a.Resumed, a.ProviderAttempts, a.ProviderReference, a.Message))]);

    public static OrderJson From(OrderDeliveries order) =>
        new(order.OrderId, order.EnqueuedAt, order.HasPayload, [.. order.Deliveries.Select(From)]);
}

// The shapes below are the --json contract: property order and names are what scripts read.
internal sealed record PreviewJson(string OrderId, List<ProviderPreviewJson> Providers);

internal sealed record ProviderPreviewJson(string Provider, string? SkipReason, string? Error, List<string> Notes, List<RequestJson> Requests);

/// <summary>A request; <see cref="Body"/> is exactly as it would be sent (UTF-8 text), secrets masked.</summary>
internal sealed record RequestJson(string Method, string Url, List<HeaderJson> Headers, string? Body);

internal sealed record HeaderJson(string Name, string Value);

internal sealed record ReportJson(string OrderId, bool Succeeded, List<OutcomeJson> Outcomes);

internal sealed record OutcomeJson(string Provider, string Status, string? Reference, int Attempts, long ElapsedMilliseconds, string? Message);

internal sealed record DeliveryListJson(List<DeliveryCountJson> Counts, List<DeliveryJson> Deliveries, bool More);

internal sealed record DeliveryCountJson(string Provider, string State, long Count);

internal sealed record OrderJson(string OrderId, DateTimeOffset EnqueuedAt, bool HasPayload, List<DeliveryJson> Deliveries);

internal sealed record DeliveryJson(
    long Id,
    string OrderId,
    string Provider,
    string State,
    int Attempts,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? FinishedAt,
    bool EarlierAttemptMayHaveLanded,
    string? ProviderReference,
    string? LastError,
    string? Resolution,
    List<AttemptJson>? History);

internal sealed record AttemptJson(
    int Number,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Outcome,
    bool Resumed,
    int ProviderAttempts,
    string? ProviderReference,
    string? Message);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PreviewJson))]
[JsonSerializable(typeof(ReportJson))]
[JsonSerializable(typeof(DeliveryListJson))]
[JsonSerializable(typeof(OrderJson))]
internal sealed partial class OutputJsonContext : JsonSerializerContext
{
    /// <summary>The output context, writing non-ASCII text as is (a body with <c>é</c> stays readable).</summary>
    public static OutputJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
