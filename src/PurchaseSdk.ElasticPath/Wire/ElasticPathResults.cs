using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>The result count of a list.</summary>
public sealed class ElasticPathResults
{
    /// <summary>How many results match.</summary>
    [JsonPropertyName("total")]
    public long? Total { get; init; }
}
