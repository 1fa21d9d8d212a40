using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PurchaseSdk.Delivery;

namespace PurchaseSdk.Cli.Output;

/// <summary>The <c>--json</c> shapes: stable, camelCase, secrets masked exactly as in the readable output.</summary>
internal static class JsonOutput
{
    public static void Write<T>(CliContext context, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        var json = JsonSerializer.Serialize(value, typeInfo);
        var writer = context.Out.Profile.Out.Writer;
        writer.Write(json);
        writer.Write('\n');
        writer.Flush();
    }

    public static PreviewJson From(PurchasePreview preview) => new()
    {
        OrderId = preview.OrderId,
        Providers = [.. preview.Providers.Select(static p => new ProviderPreviewJson
        {
            Provider = p.Provider,
            SkipReason = p.SkipReason,
            Error = p.Error?.Message,
            Notes = [.. p.Notes],
            Requests = [.. p.Requests.Select(static r => new RequestJson
            {
                Method = r.Method,
                Url = r.Url.AbsoluteUri,
                Headers = [.. r.Headers.Select(static h => new HeaderJson { Name = h.Key, Value = h.Value })],
                Body = r.Body,
            })],
        })],
    };

    public static ReportJson From(PurchaseReport report) => new()
    {
        OrderId = report.OrderId,
        Succeeded = report.Succeeded,
        Outcomes = [.. report.Outcomes.Select(static o => new OutcomeJson
        {
            Provider = o.Provider,
            Status = o.Status.ToString(),
            Reference = o.ProviderReference,
            Attempts = o.Attempts,
            ElapsedMilliseconds = (long)o.Elapsed.TotalMilliseconds,
            Message = o.Message,
        })],
    };

    public static DeliveryJson From(DeliveryRecord d) => new()
    {
        Id = d.Id,
        OrderId = d.OrderId,
        Provider = d.Provider,
        State = d.State.ToString(),
        Attempts = d.Attempts,
        EnqueuedAt = d.EnqueuedAt,
        UpdatedAt = d.UpdatedAt,
        NextAttemptAt = d.NextAttemptAt,
        FinishedAt = d.FinishedAt,
        EarlierAttemptMayHaveLanded = d.EarlierAttemptMayHaveLanded,
        ProviderReference = d.ProviderReference,
        LastError = d.LastError,
        Resolution = d.Resolution,
        History = d.History.Count == 0 ? null : [.. d.History.Select(static a => new AttemptJson
        {
            Number = a.Number,
            StartedAt = a.StartedAt,
            EndedAt = a.EndedAt,
            Outcome = a.Outcome.ToString(),
            Resumed = a.Resumed,
            ProviderAttempts = a.ProviderAttempts,
            ProviderReference = a.ProviderReference,
            Message = a.Message,
        })],
    };
}

internal sealed class PreviewJson
{
    public required string OrderId { get; init; }

    public required List<ProviderPreviewJson> Providers { get; init; }
}

internal sealed class ProviderPreviewJson
{
    public required string Provider { get; init; }

    public string? SkipReason { get; init; }

    public string? Error { get; init; }

    public required List<string> Notes { get; init; }

    public required List<RequestJson> Requests { get; init; }
}

internal sealed class RequestJson
{
    public required string Method { get; init; }

    public required string Url { get; init; }

    public required List<HeaderJson> Headers { get; init; }

    /// <summary>The body exactly as it would be sent (UTF-8 text), secrets masked.</summary>
    public string? Body { get; init; }
}

internal sealed class HeaderJson
{
    public required string Name { get; init; }

    public required string Value { get; init; }
}

internal sealed class ReportJson
{
    public required string OrderId { get; init; }

    public required bool Succeeded { get; init; }

    public required List<OutcomeJson> Outcomes { get; init; }
}

internal sealed class OutcomeJson
{
    public required string Provider { get; init; }

    public required string Status { get; init; }

    public string? Reference { get; init; }

    public int Attempts { get; init; }

    public long ElapsedMilliseconds { get; init; }

    public string? Message { get; init; }
}

internal sealed class DeliveryListJson
{
    public required List<DeliveryCountJson> Counts { get; init; }

    public required List<DeliveryJson> Deliveries { get; init; }

    public bool More { get; init; }
}

internal sealed class DeliveryCountJson
{
    public required string Provider { get; init; }

    public required string State { get; init; }

    public long Count { get; init; }
}

internal sealed class OrderJson
{
    public required string OrderId { get; init; }

    public DateTimeOffset EnqueuedAt { get; init; }

    public bool HasPayload { get; init; }

    public required List<DeliveryJson> Deliveries { get; init; }
}

internal sealed class DeliveryJson
{
    public long Id { get; init; }

    public required string OrderId { get; init; }

    public required string Provider { get; init; }

    public required string State { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset EnqueuedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public bool EarlierAttemptMayHaveLanded { get; init; }

    public string? ProviderReference { get; init; }

    public string? LastError { get; init; }

    public string? Resolution { get; init; }

    public List<AttemptJson>? History { get; init; }
}

internal sealed class AttemptJson
{
    public int Number { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public required string Outcome { get; init; }

    public bool Resumed { get; init; }

    public int ProviderAttempts { get; init; }

    public string? ProviderReference { get; init; }

    public string? Message { get; init; }
}

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
