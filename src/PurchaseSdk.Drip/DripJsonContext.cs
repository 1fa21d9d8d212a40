using System.Text.Json.Serialization;
using PurchaseSdk.Json;

namespace PurchaseSdk.Drip;

/// <summary>
/// The source-generated JSON metadata of Drip's wire types (v2 purchases and v3 shopper activity orders). Ids arrive as
/// strings in the documents; everything is read leniently (numbers for strings and the reverse, objects in property
/// bags as raw JSON). Amounts are written exactly as the decimals hold them.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(LenientStringConverter), typeof(LenientInt64Converter), typeof(LenientDecimalConverter)])]
[JsonSerializable(typeof(DripPurchases))]
[JsonSerializable(typeof(DripSubscriberContext))]
[JsonSerializable(typeof(DripOrderActivity))]
[JsonSerializable(typeof(DripOrderActivityBatch))]
[JsonSerializable(typeof(DripShopperActivityResult))]
[JsonSerializable(typeof(DripShopperActivityBatchResult))]
internal sealed partial class DripJsonContext : JsonSerializerContext;
