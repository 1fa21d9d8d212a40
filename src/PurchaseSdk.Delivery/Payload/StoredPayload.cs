using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurchaseSdk.Delivery.Payload;

/// <summary>
/// The stored form of a purchase, schema version 1. It is its own type, not <see cref="Purchase"/>, so the stored shape
/// changes only on purpose: a new shape gets a new version and the reader keeps reading the old ones.
/// </summary>
internal sealed class StoredPayload
{
    [JsonPropertyName("v")]
    public int Version { get; set; }

    [JsonPropertyName("purchase")]
    public StoredPurchase? Purchase { get; set; }

    /// <summary>The contexts as a JSON array of <see cref="StoredContext"/>, protected with data protection, base64url.</summary>
    [JsonPropertyName("contexts_protected")]
    public string? ProtectedContexts { get; set; }
}

internal sealed class StoredPurchase
{
    [JsonPropertyName("order_id")]
    public string OrderId { get; set; } = string.Empty;

    [JsonPropertyName("customer")]
    public StoredCustomer? Customer { get; set; }

    [JsonPropertyName("currency")]
    public string Currency { get; set; } = string.Empty;

    [JsonPropertyName("lines")]
    public List<StoredLine> Lines { get; set; } = [];

    [JsonPropertyName("tax")]
    public decimal Tax { get; set; }

    [JsonPropertyName("shipping")]
    public decimal Shipping { get; set; }

    [JsonPropertyName("discount")]
    public decimal Discount { get; set; }

    [JsonPropertyName("subtotal")]
    public decimal? Subtotal { get; set; }

    [JsonPropertyName("total")]
    public decimal? Total { get; set; }

    [JsonPropertyName("occurred_at")]
    public DateTimeOffset? OccurredAt { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("source")]
    public string? Source { get; set; }

    [JsonPropertyName("store")]
    public string? Store { get; set; }

    [JsonPropertyName("permalink")]
    public string? Permalink { get; set; }

    [JsonPropertyName("properties")]
    public Dictionary<string, string>? Properties { get; set; }
}

internal sealed class StoredCustomer
{
    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

internal sealed class StoredLine
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("sku")]
    public string? Sku { get; set; }

    [JsonPropertyName("product_id")]
    public string? ProductId { get; set; }

    [JsonPropertyName("line_id")]
    public string? LineId { get; set; }

    [JsonPropertyName("quantity")]
    public int Quantity { get; set; }

    [JsonPropertyName("unit_price")]
    public decimal UnitPrice { get; set; }

    [JsonPropertyName("size")]
    public string? Size { get; set; }

    [JsonPropertyName("brand")]
    public string? Brand { get; set; }

    [JsonPropertyName("color")]
    public string? Color { get; set; }

    [JsonPropertyName("properties")]
    public Dictionary<string, string>? Properties { get; set; }
}

internal sealed class StoredContext
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("value")]
    public JsonElement Value { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredPayload))]
[JsonSerializable(typeof(List<StoredContext>))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext;
