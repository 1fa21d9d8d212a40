using System.Text.Json.Serialization;

namespace PurchaseSdk.Kit;

/// <summary>The source-generated JSON metadata of Kit's wire types (no reflection at run time).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(KitPurchaseEnvelope))]
[JsonSerializable(typeof(KitPurchasePage))]
internal sealed partial class KitJsonContext : JsonSerializerContext;
