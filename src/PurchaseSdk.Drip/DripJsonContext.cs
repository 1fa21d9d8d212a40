using System.Text.Json.Serialization;
using PurchaseSdk.Json;

namespace PurchaseSdk.Drip;

/// <summary>
/// The source-generated JSON metadata of Drip's wire types. Ids arrive as strings in the documents; everything is
/// read leniently (numbers for strings and the reverse, objects in property bags as raw JSON).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(LenientStringConverter), typeof(LenientInt64Converter)])]
[JsonSerializable(typeof(DripPurchases))]
[JsonSerializable(typeof(DripSubscriberContext))]
internal sealed partial class DripJsonContext : JsonSerializerContext;
