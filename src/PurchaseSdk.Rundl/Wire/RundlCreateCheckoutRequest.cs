using System.Text.Json.Serialization;

namespace PurchaseSdk.Rundl;

/// <summary>The <c>{"checkout": {...}}</c> body of <c>POST /checkouts</c> (seed 001).</summary>
public sealed class RundlCreateCheckoutRequest
{
    /// <summary>The checkout to create.</summary>
    [JsonPropertyName("checkout")]
    public required RundlNewCheckout Checkout { get; init; }
}
