using System.Text.Json.Serialization;
using PurchaseSdk.Json;

namespace PurchaseSdk.Rundl;

/// <summary>
/// The source-generated JSON metadata of Rundl's wire types. Rundl's documents call numbers strings and send
/// numbers, so every string, decimal and integer is read leniently (https://github.com/Rundl/slate/blob/master/source/includes/_checkouts.md: the tables call money fields strings, the example sends numbers).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(LenientStringConverter), typeof(LenientDecimalConverter), typeof(LenientInt64Converter)])]
[JsonSerializable(typeof(RundlCreateCheckoutRequest))]
[JsonSerializable(typeof(RundlCheckout))]
[JsonSerializable(typeof(RundlCheckoutContext))]
internal sealed partial class RundlJsonContext : JsonSerializerContext;
