using System.Text.Json.Serialization;

namespace PurchaseSdk.Rundl;

/// <summary>A tax line of a checkout item.</summary>
public sealed class RundlTaxLine
{
    /// <summary>The tax rate, as a percentage.</summary>
    [JsonPropertyName("amount")]
    public decimal? Amount { get; init; }

    /// <summary>The tax name, such as <c>GST</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}
