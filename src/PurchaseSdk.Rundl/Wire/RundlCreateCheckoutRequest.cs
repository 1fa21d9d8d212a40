using System.Text.Json.Serialization;

namespace PurchaseSdk.Rundl;

/// <summary>The <c>{"checkout": {...}}</c> body of <c>POST /checkouts</c> (https://github.com/Rundl/slate/blob/master/source/includes/_checkouts.md).</summary>
public sealed class RundlCreateCheckoutRequest
{
    /// <summary>The checkout to create.</summary>
    [JsonPropertyName("checkout")]
    public required RundlNewCheckout Checkout { get; init; }
}
