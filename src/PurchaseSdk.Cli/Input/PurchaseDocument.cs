using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurchaseSdk.Cli.Input;

/// <summary>
/// A purchase as the tool reads it from JSON: the <see cref="Purchase"/> model with camelCase names (read without regard to
/// case), amounts as JSON numbers in major units, and provider contexts by their registered name.
/// </summary>
internal sealed class PurchaseDocument
{
    public string? OrderId { get; set; }

    public CustomerDocument? Customer { get; set; }

    public string? Currency { get; set; }

    public List<LineDocument?>? Lines { get; set; }

    public decimal? Tax { get; set; }

    public decimal? Shipping { get; set; }

    public decimal? Discount { get; set; }

    public decimal? Subtotal { get; set; }

    public decimal? Total { get; set; }

    /// <summary>ISO 8601 with an offset (<c>2026-11-29T12:00:00Z</c>); read as text so a missing offset is an error, not local time.</summary>
    public string? OccurredAt { get; set; }

    public string? Status { get; set; }

    public string? Source { get; set; }

    public string? Store { get; set; }

    public string? Permalink { get; set; }

    public Dictionary<string, string>? Properties { get; set; }

    /// <summary>Provider contexts by registered name (<c>Scout.User</c>), each in its own JSON shape.</summary>
    public Dictionary<string, JsonElement>? Contexts { get; set; }
}

internal sealed class CustomerDocument
{
    public string? Email { get; set; }

    public string? Id { get; set; }

    public string? Name { get; set; }
}

internal sealed class LineDocument
{
    public string? Name { get; set; }

    public string? Sku { get; set; }

    public string? ProductId { get; set; }

    public string? LineId { get; set; }

    public int? Quantity { get; set; }

    public decimal? UnitPrice { get; set; }

    public string? Size { get; set; }

    public string? Brand { get; set; }

    public string? Color { get; set; }

    public Dictionary<string, string>? Properties { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PurchaseDocument))]
internal sealed partial class PurchaseDocumentJsonContext : JsonSerializerContext;
