using System.Text.Json.Serialization;

namespace PurchaseSdk.Scout;

/// <summary>The source-generated JSON metadata of Scout's wire types.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScoutCheckout))]
[JsonSerializable(typeof(ScoutResult))]
[JsonSerializable(typeof(ScoutTokenRequest))]
[JsonSerializable(typeof(ScoutUserResult))]
[JsonSerializable(typeof(ScoutUserContext))]
internal sealed partial class ScoutJsonContext : JsonSerializerContext;
