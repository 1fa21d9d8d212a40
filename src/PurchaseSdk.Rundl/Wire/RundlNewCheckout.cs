using System.Text.Json.Serialization;

namespace PurchaseSdk.Rundl;

/// <summary>The checkout to create: a service and the products bought.</summary>
public sealed class RundlNewCheckout
{
    /// <summary>The service of the checkout.</summary>
    [JsonPropertyName("service")]
    public required long Service { get; init; }

    /// <summary>The security token of a credit-card checkout; sent as <c>null</c> when absent, as the seed does.</summary>
    [JsonPropertyName("payment_token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? PaymentToken { get; init; }

    /// <summary>The products and quantities.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<RundlCheckoutItem> Items { get; init; }

    /// <summary>Describes the checkout without the payment token.</summary>
    public override string ToString() => $"RundlNewCheckout service {Service}, {Items.Count} item(s)";
}
