using System.Text.Json.Serialization;
using PurchaseSdk.Json;

namespace PurchaseSdk.ElasticPath;

/// <summary>
/// The source-generated JSON metadata of Elastic Path's wire types, read leniently (numbers and strings either way).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(LenientStringConverter), typeof(LenientInt64Converter)])]
[JsonSerializable(typeof(ElasticPathCheckoutRequest))]
[JsonSerializable(typeof(ElasticPathOrderResponse))]
[JsonSerializable(typeof(ElasticPathOrderList))]
[JsonSerializable(typeof(ElasticPathCartResponse))]
[JsonSerializable(typeof(ElasticPathAccessToken))]
[JsonSerializable(typeof(ElasticPathCheckoutContext))]
internal sealed partial class ElasticPathJsonContext : JsonSerializerContext;
