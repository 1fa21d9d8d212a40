using System.Text.Json.Serialization;

namespace PurchaseSdk.Scout;

/// <summary>
/// One checkout as <c>POST https://ingest.scoutapp.ai/ingest</c> takes it (https://github.com/TrantonLLC/slate/blob/master/source/includes/_checkouts.md): one purchased item added to a
/// Scout user's inventory. Money is in integer cents, <see cref="CheckoutTime"/> in epoch <b>seconds</b>.
/// </summary>
public sealed class ScoutCheckout
{
    /// <summary>The order id of the purchase.</summary>
    [JsonPropertyName("order_id")]
    public required string OrderId { get; init; }

    /// <summary>The currency, lower-case (<c>usd</c>).</summary>
    [JsonPropertyName("purchase_currency")]
    public required string PurchaseCurrency { get; init; }

    /// <summary>The price of the item in cents (<c>$15.50</c> is <c>1550</c>).</summary>
    [JsonPropertyName("purchase_price")]
    public required long PurchasePrice { get; init; }

    /// <summary>The tax of the item in cents.</summary>
    [JsonPropertyName("tax")]
    public long? Tax { get; init; }

    /// <summary>The shipping of the item in cents.</summary>
    [JsonPropertyName("shipping_price")]
    public long? ShippingPrice { get; init; }

    /// <summary>The item name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The SKU or style id.</summary>
    [JsonPropertyName("sku")]
    public string? Sku { get; init; }

    /// <summary>The size; <c>OS</c> when the item has none.</summary>
    [JsonPropertyName("size")]
    public required string Size { get; init; }

    /// <summary>The brand.</summary>
    [JsonPropertyName("brand")]
    public string? Brand { get; init; }

    /// <summary>The colour.</summary>
    [JsonPropertyName("color")]
    public string? Color { get; init; }

    /// <summary>The store the item was bought at.</summary>
    [JsonPropertyName("store")]
    public string? Store { get; init; }

    /// <summary>The Scout user's id.</summary>
    [JsonPropertyName("user_id")]
    public required long UserId { get; init; }

    /// <summary>The Scout user's OAuth access token (a secret).</summary>
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    /// <summary>When the checkout happened, in epoch seconds.</summary>
    [JsonPropertyName("checkout_time")]
    public required long CheckoutTime { get; init; }

    /// <summary>Describes the checkout without the access token.</summary>
    public override string ToString() => $"ScoutCheckout {OrderId} {Name} {PurchasePrice} {PurchaseCurrency}";
}
