using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>Paging of a list: <c>meta.page</c> and <c>meta.results</c>.</summary>
public sealed class ElasticPathListMeta
{
    /// <summary>The page.</summary>
    [JsonPropertyName("page")]
    public ElasticPathPage? Page { get; init; }

    /// <summary>The result count.</summary>
    [JsonPropertyName("results")]
    public ElasticPathResults? Results { get; init; }
}
