using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurchaseSdk.Delivery.Payload;

// The stored form of a purchase, schema version 1. It is its own type, not Purchase, so the stored shape changes only
// on purpose: a new shape gets a new version and the reader keeps reading the old ones. Names are the properties' in
// snake_case (DeliveryJsonContext's policy); tests/PurchaseSdk.Delivery.Tests/Payload/StoredFormTests pins them.

/// <param name="Version">The schema version (<c>v</c>).</param>
/// <param name="Purchase">The purchase without its contexts.</param>
/// <param name="ProtectedContexts">The contexts as a JSON array of <see cref="StoredContext"/>, protected with data protection, base64url.</param>
internal sealed record StoredPayload(
    [property: JsonPropertyName("v")] int Version,
    StoredPurchase? Purchase,
    [property: JsonPropertyName("contexts_protected")] string? ProtectedContexts);

internal sealed record StoredPurchase(
    string? OrderId,
    StoredCustomer? Customer,
    string? Currency,
    List<StoredLine>? Lines,
    decimal Tax,
    decimal Shipping,
    decimal Discount,
    decimal? Subtotal,
    decimal? Total,
    DateTimeOffset? OccurredAt,
    string? Status,
    string? Source,
    string? Store,
    string? Permalink,
    Dictionary<string, string>? Properties);

internal sealed record StoredCustomer(string? Email, string? Id, string? Name);

internal sealed record StoredLine(
    string? Name,
    string? Sku,
    string? ProductId,
    string? LineId,
    int Quantity,
    decimal UnitPrice,
    string? Size,
    string? Brand,
    string? Color,
    Dictionary<string, string>? Properties);

internal sealed record StoredContext(string? Type, JsonElement Value);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredPayload))]
[JsonSerializable(typeof(List<StoredContext>))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext;
