using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>An order in its envelope: <c>{"data": order, "included": {"items": [...]}}</c> (the checkout and get-order answers).</summary>
public sealed class ElasticPathOrderResponse
{
    /// <summary>The order.</summary>
    [JsonPropertyName("data")]
    public ElasticPathOrder? Data { get; init; }

    /// <summary>Resources included with the order.</summary>
    [JsonPropertyName("included")]
    public ElasticPathIncluded? Included { get; init; }
}

/// <summary>A page of orders: <c>GET /v2/orders</c>.</summary>
public sealed class ElasticPathOrderList
{
    /// <summary>The orders of this page.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<ElasticPathOrder>? Data { get; init; }

    /// <summary>Paging and result counts.</summary>
    [JsonPropertyName("meta")]
    public ElasticPathListMeta? Meta { get; init; }

    /// <summary>Links to the first, previous, next and last pages.</summary>
    [JsonPropertyName("links")]
    public IReadOnlyDictionary<string, string>? Links { get; init; }
}

/// <summary>An Elastic Path order. A checkout creates it <c>incomplete</c> and <c>unpaid</c>.</summary>
public sealed class ElasticPathOrder
{
    /// <summary>The order id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Always <c>order</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary><c>incomplete</c>, <c>processing</c>, <c>complete</c> or <c>cancelled</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary><c>unpaid</c>, <c>authorized</c>, <c>paid</c> or <c>refunded</c>.</summary>
    [JsonPropertyName("payment")]
    public string? Payment { get; init; }

    /// <summary><c>unfulfilled</c> or <c>fulfilled</c>.</summary>
    [JsonPropertyName("shipping")]
    public string? Shipping { get; init; }

    /// <summary>Whether personal data was removed.</summary>
    [JsonPropertyName("anonymized")]
    public bool? Anonymized { get; init; }

    /// <summary>The contact of the order.</summary>
    [JsonPropertyName("contact")]
    public ElasticPathContact? Contact { get; init; }

    /// <summary>The customer of the order, for customer checkouts.</summary>
    [JsonPropertyName("customer")]
    public ElasticPathContact? Customer { get; init; }

    /// <summary>The shipping address.</summary>
    [JsonPropertyName("shipping_address")]
    public ElasticPathAddress? ShippingAddress { get; init; }

    /// <summary>The billing address.</summary>
    [JsonPropertyName("billing_address")]
    public ElasticPathAddress? BillingAddress { get; init; }

    /// <summary>Your reference of the order (the SDK sends the purchase's order id).</summary>
    [JsonPropertyName("external_ref")]
    public string? ExternalRef { get; init; }

    /// <summary>Your order number.</summary>
    [JsonPropertyName("order_number")]
    public string? OrderNumber { get; init; }

    /// <summary>Links of the order.</summary>
    [JsonPropertyName("links")]
    public IReadOnlyDictionary<string, string>? Links { get; init; }

    /// <summary>Prices and timestamps.</summary>
    [JsonPropertyName("meta")]
    public ElasticPathOrderMeta? Meta { get; init; }

    /// <summary>The order's items, account, account member and customer.</summary>
    [JsonPropertyName("relationships")]
    public ElasticPathOrderRelationships? Relationships { get; init; }
}

/// <summary>An order's prices and timestamps.</summary>
public sealed class ElasticPathOrderMeta
{
    /// <summary>The order's prices, in minor units.</summary>
    [JsonPropertyName("display_price")]
    public ElasticPathDisplayPrice? DisplayPrice { get; init; }

    /// <summary>When the order was created and updated.</summary>
    [JsonPropertyName("timestamps")]
    public ElasticPathTimestamps? Timestamps { get; init; }
}

/// <summary>Prices of an order or cart; each in minor units with its currency and formatted text.</summary>
public sealed class ElasticPathDisplayPrice
{
    /// <summary>Total with tax.</summary>
    [JsonPropertyName("with_tax")]
    public ElasticPathPrice? WithTax { get; init; }

    /// <summary>Total without tax.</summary>
    [JsonPropertyName("without_tax")]
    public ElasticPathPrice? WithoutTax { get; init; }

    /// <summary>Tax.</summary>
    [JsonPropertyName("tax")]
    public ElasticPathPrice? Tax { get; init; }

    /// <summary>Discount.</summary>
    [JsonPropertyName("discount")]
    public ElasticPathPrice? Discount { get; init; }

    /// <summary>Total before discounts (carts).</summary>
    [JsonPropertyName("without_discount")]
    public ElasticPathPrice? WithoutDiscount { get; init; }

    /// <summary>Shipping.</summary>
    [JsonPropertyName("shipping")]
    public ElasticPathPrice? Shipping { get; init; }

    /// <summary>Amount paid (orders).</summary>
    [JsonPropertyName("paid")]
    public ElasticPathPrice? Paid { get; init; }

    /// <summary>Amount authorized (orders).</summary>
    [JsonPropertyName("authorized")]
    public ElasticPathPrice? Authorized { get; init; }

    /// <summary>Amount still owed (orders).</summary>
    [JsonPropertyName("balance_owing")]
    public ElasticPathPrice? BalanceOwing { get; init; }
}

/// <summary>A price: <c>{"amount": 10000, "currency": "USD", "formatted": "$100.00"}</c>, the amount in minor units.</summary>
public sealed class ElasticPathPrice
{
    /// <summary>The amount in minor units of <see cref="Currency"/>.</summary>
    [JsonPropertyName("amount")]
    public long? Amount { get; init; }

    /// <summary>The ISO 4217 currency code.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    /// <summary>The amount as text, for display.</summary>
    [JsonPropertyName("formatted")]
    public string? Formatted { get; init; }

    /// <summary>Whether the amount includes tax (item prices).</summary>
    [JsonPropertyName("includes_tax")]
    public bool? IncludesTax { get; init; }

    /// <summary>The amount in major units, exactly; null when the amount or currency is missing or unknown.</summary>
    public decimal? ToMajorUnits() =>
        Amount is { } minor && Currencies.IsKnown(Currency) ? Currencies.FromMinorUnits(minor, Currency) : null;
}

/// <summary>Creation and update times.</summary>
public sealed class ElasticPathTimestamps
{
    /// <summary>When it was created.</summary>
    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    [JsonPropertyName("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>An order's relationships.</summary>
public sealed class ElasticPathOrderRelationships
{
    /// <summary>The order items (details in <see cref="ElasticPathOrderResponse.Included"/>).</summary>
    [JsonPropertyName("items")]
    public ElasticPathToMany? Items { get; init; }

    /// <summary>The account.</summary>
    [JsonPropertyName("account")]
    public ElasticPathToOne? Account { get; init; }

    /// <summary>The account member.</summary>
    [JsonPropertyName("account_member")]
    public ElasticPathToOne? AccountMember { get; init; }

    /// <summary>The customer.</summary>
    [JsonPropertyName("customer")]
    public ElasticPathToOne? Customer { get; init; }
}

/// <summary>A to-many relationship: <c>{"data": [{"type", "id"}]}</c>.</summary>
public sealed class ElasticPathToMany
{
    /// <summary>The related resources.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<ElasticPathResourceRef>? Data { get; init; }
}

/// <summary>A to-one relationship: <c>{"data": {"type", "id"}}</c>.</summary>
public sealed class ElasticPathToOne
{
    /// <summary>The related resource.</summary>
    [JsonPropertyName("data")]
    public ElasticPathResourceRef? Data { get; init; }
}

/// <summary>A reference to a resource.</summary>
public sealed class ElasticPathResourceRef
{
    /// <summary>The resource type (<c>item</c>, <c>account</c>, ...).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The resource id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }
}

/// <summary>Resources included with an order.</summary>
public sealed class ElasticPathIncluded
{
    /// <summary>The order items.</summary>
    [JsonPropertyName("items")]
    public IReadOnlyList<ElasticPathOrderItem>? Items { get; init; }
}

/// <summary>An order item.</summary>
public sealed class ElasticPathOrderItem
{
    /// <summary>The item id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Always <c>order_item</c> or <c>item</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The product id.</summary>
    [JsonPropertyName("product_id")]
    public string? ProductId { get; init; }

    /// <summary>The product name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The SKU.</summary>
    [JsonPropertyName("sku")]
    public string? Sku { get; init; }

    /// <summary>The quantity.</summary>
    [JsonPropertyName("quantity")]
    public long? Quantity { get; init; }

    /// <summary>The price of one unit.</summary>
    [JsonPropertyName("unit_price")]
    public ElasticPathPrice? UnitPrice { get; init; }

    /// <summary>The price of the line.</summary>
    [JsonPropertyName("value")]
    public ElasticPathPrice? Value { get; init; }

    /// <summary>The item's display prices and other metadata, as raw JSON.</summary>
    [JsonPropertyName("meta")]
    public JsonElement? Meta { get; init; }
}

/// <summary>Paging of a list: <c>meta.page</c> and <c>meta.results</c>.</summary>
public sealed class ElasticPathListMeta
{
    /// <summary>The page.</summary>
    [JsonPropertyName("page")]
    public ElasticPathPage? Page { get; init; }

    /// <summary>The result count.</summary>
    [JsonPropertyName("results")]
    public ElasticPathResults? Results { get; init; }
}

/// <summary>A page of a list.</summary>
public sealed class ElasticPathPage
{
    /// <summary>The page number, from 1.</summary>
    [JsonPropertyName("current")]
    public long? Current { get; init; }

    /// <summary>The page size.</summary>
    [JsonPropertyName("limit")]
    public long? Limit { get; init; }

    /// <summary>The offset of the page.</summary>
    [JsonPropertyName("offset")]
    public long? Offset { get; init; }

    /// <summary>The number of pages.</summary>
    [JsonPropertyName("total")]
    public long? Total { get; init; }
}

/// <summary>The result count of a list.</summary>
public sealed class ElasticPathResults
{
    /// <summary>How many results match.</summary>
    [JsonPropertyName("total")]
    public long? Total { get; init; }
}
