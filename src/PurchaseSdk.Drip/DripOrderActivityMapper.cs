using System.Collections.Frozen;
using System.Text.Json;
using PurchaseSdk.Mapping;

namespace PurchaseSdk.Drip;

/// <summary>
/// Maps a purchase to one order activity event of Drip's shopper activity API (DripEmail/api-docs
/// <c>source/includes/shopper_activity/_order_activity.md</c>): amounts in decimal major units exactly as the purchase
/// holds them, the currency, <c>action</c> from <see cref="Purchase.Status"/>, <c>person_id</c> from the
/// <see cref="DripSubscriberContext"/> or else <c>email</c>, and the purchase and line properties as custom attributes.
/// </summary>
internal static class DripOrderActivityMapper
{
    /// <summary>The action sent when <see cref="Purchase.Status"/> is empty.</summary>
    public const string DefaultAction = "paid";

    /// <summary>Drip's order actions, in the document's order.</summary>
    public static IReadOnlyList<string> Actions { get; } = ["placed", "updated", "paid", "fulfilled", "refunded", "canceled"];

    private static readonly FrozenSet<string> ActionSet = Actions.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Documented members: a property with one of these names would clash with the member, so it is not sent.
    private static readonly FrozenSet<string> OrderMembers = new[]
    {
        "provider", "person_id", "email", "initial_status", "action", "occurred_at", "order_id", "order_public_id",
        "grand_total", "total_discounts", "total_taxes", "total_fees", "total_shipping", "refund_amount", "currency",
        "order_url", "items", "billing_address", "shipping_address",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> ItemMembers = new[]
    {
        "product_id", "product_variant_id", "sku", "name", "brand", "categories", "price", "sale_price", "quantity",
        "discounts", "taxes", "fees", "shipping", "total", "product_url", "image_url",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Drip action of <paramref name="status"/> (trimmed, any case; empty is <c>paid</c>), or null when it has none.</summary>
    public static string? ToAction(string? status)
    {
        if (string.IsNullOrWhiteSpace(status))
        {
            return DefaultAction;
        }

        return ActionSet.TryGetValue(status.Trim(), out var action) ? action : null;
    }

    /// <summary>Maps <paramref name="purchase"/>, or says why Drip cannot take it.</summary>
    public static (DripOrderActivity? Order, string? SkipReason) Map(Purchase purchase, string? defaultProvider)
    {
        var personId = Trimmed(purchase.Contexts.Get<DripSubscriberContext>()?.SubscriberId);
        var email = personId is null ? Trimmed(purchase.Customer?.Email) : null;
        if (personId is null && email is null)
        {
            return (null, "Drip needs a person: a DripSubscriberContext (Drip's subscriber id, sent as person_id) or Customer.Email.");
        }

        var provider = Trimmed(purchase.Source) ?? Trimmed(defaultProvider);
        if (provider is null)
        {
            return (null, "Drip's order activity needs a provider, the key of the order with its id: set Purchase.Source (your platform, for example shopify) or PurchaseSdk:Drip:DefaultProvider.");
        }

        var action = ToAction(purchase.Status);
        if (action is null)
        {
            return (null, $"Purchase.Status '{purchase.Status}' is not a Drip order action: use {string.Join(", ", Actions)} (any case; empty means {DefaultAction}).");
        }

        var items = PurchaseLines.Map(purchase, static (line, _) => new DripOrderActivityItem
        {
            ProductId = line.ProductId,
            Sku = line.Sku,
            Name = line.Name,
            Brand = line.Brand,
            Price = line.UnitPrice,
            Quantity = line.Quantity,
            Total = line.LineTotal,
            CustomAttributes = CustomAttributes(line.Properties, ItemMembers),
        });

        var total = purchase.Total;
        return (new DripOrderActivity
        {
            Provider = provider,
            PersonId = personId,
            Email = email,
            Action = action,
            OccurredAt = purchase.OccurredAt,
            OrderId = purchase.OrderId,
            GrandTotal = total,
            TotalDiscounts = purchase.Discount,
            TotalTaxes = purchase.Tax,
            TotalShipping = purchase.Shipping,

            // Drip lowers the lifetime value by refund_amount and keeps grand_total; the purchase has no partial
            // refund amount, so a refunded or canceled purchase is refunded in full.
            RefundAmount = action is "refunded" or "canceled" ? total : null,
            Currency = purchase.Currency.Trim().ToUpperInvariant(),
            OrderUrl = purchase.Permalink,
            Items = items,
            CustomAttributes = CustomAttributes(purchase.Properties, OrderMembers),
        }, null);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Dictionary<string, JsonElement>? CustomAttributes(IReadOnlyDictionary<string, string> properties, FrozenSet<string> documented)
    {
        Dictionary<string, JsonElement>? attributes = null;
        foreach (var (name, value) in properties)
        {
            if (string.IsNullOrWhiteSpace(name) || documented.Contains(name) || value is null)
            {
                continue;
            }

            attributes ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            attributes[name] = JsonSerializer.SerializeToElement(value, DripJsonContext.Default.String);
        }

        return attributes;
    }
}
