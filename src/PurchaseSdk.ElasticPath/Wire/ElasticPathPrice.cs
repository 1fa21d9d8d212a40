using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>A price: <c>{"amount": 10000, "currency": "USD", "formatted": "$100.00"}</c>, the amount in minor units.</summary>
public sealed class ElasticPathPrice
{
    /// <summary>The amount in minor units of <see cref="Currency"/>.</summary>
    [JsonPropertyName("amount")]
    public long? Amount { get; init; }

    /// <summary>The ISO 4217 currency code.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    /// <summary>The amount as text, for display.</summary>
    [JsonPropertyName("formatted")]
    public string? Formatted { get; init; }

    /// <summary>Whether the amount includes tax (item prices).</summary>
    [JsonPropertyName("includes_tax")]
    public bool? IncludesTax { get; init; }

    /// <summary>The amount in major units, exactly; null when the amount or currency is missing or unknown.</summary>
    public decimal? ToMajorUnits() =>
        Amount is { } minor && Currencies.IsKnown(Currency) ? Currencies.FromMinorUnits(minor, Currency) : null;
}
