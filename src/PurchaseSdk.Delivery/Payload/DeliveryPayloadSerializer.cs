using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace PurchaseSdk.Delivery.Payload;

/// <summary>
/// Writes a purchase as versioned, source-generated JSON and reads it back. Every context (each provider's inputs,
/// among them user tokens) is written with the context type's registered JSON metadata, and the whole set is protected
/// with the application's data-protection key ring, so no credential is ever stored in plain text.
/// </summary>
internal sealed class DeliveryPayloadSerializer
{
    /// <summary>The schema version this code writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The data-protection purpose of stored contexts; a key ring shared between instances must be used with the same application name.</summary>
    public const string ProtectionPurpose = "PurchaseSdk.Delivery.Contexts.v1";

    private readonly Dictionary<Type, PurchaseContextType> _byType = [];
    private readonly Dictionary<string, PurchaseContextType> _byName = new(StringComparer.Ordinal);
    private readonly IDataProtector _protector;

    public DeliveryPayloadSerializer(IEnumerable<PurchaseContextType> contextTypes, IDataProtectionProvider dataProtection)
    {
        foreach (var type in contextTypes)
        {
            _byType.TryAdd(type.Type, type);
            _byName.TryAdd(type.Name, type);
        }

        _protector = dataProtection.CreateProtector(ProtectionPurpose);
    }

    public string Serialize(Purchase purchase)
    {
        var stored = new StoredPurchase(
            purchase.OrderId,
            purchase.Customer is { } c ? new StoredCustomer(c.Email, c.Id, c.Name) : null,
            purchase.Currency,
            [.. purchase.Lines.Select(static l => new StoredLine(
                l.Name, l.Sku, l.ProductId, l.LineId, l.Quantity, l.UnitPrice, l.Size, l.Brand, l.Color, Copy(l.Properties)))],
            purchase.Tax,
            purchase.Shipping,
            purchase.Discount,
            purchase.IsSubtotalSpecified ? purchase.Subtotal : null,
            purchase.IsTotalSpecified ? purchase.Total : null,
            purchase.OccurredAt,
            purchase.Status,
            purchase.Source,
            purchase.Store,
            purchase.Permalink,
            Copy(purchase.Properties));

        string? protectedContexts = null;
        if (purchase.Contexts.Count > 0)
        {
            // [{"type": name, "value": {...}}, ...] written in one pass, then protected as a whole.
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                foreach (var context in purchase.Contexts)
                {
                    if (!_byType.TryGetValue(context.GetType(), out var type))
                    {
                        throw new InvalidOperationException(
                            $"The purchase carries a {context.GetType().Name}, which no package registered as a storable context type, so it cannot be enqueued. " +
                            "Register it with IPurchaseSdkBuilder.AddContextType(name, jsonTypeInfo) (the packaged providers do this in AddScout(), AddRundl(), ...).");
                    }

                    writer.WriteStartObject();
                    writer.WriteString("type", type.Name);
                    writer.WritePropertyName("value");
                    JsonSerializer.Serialize(writer, context, type.TypeInfo);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            var plain = buffer.WrittenSpan.ToArray();
            protectedContexts = Base64Url(_protector.Protect(plain));
            CryptographicOperations.ZeroMemory(plain);
            buffer.Clear();
        }

        return JsonSerializer.Serialize(
            new StoredPayload(CurrentVersion, stored, protectedContexts),
            DeliveryJsonContext.Default.StoredPayload);
    }

    /// <summary>Reads a stored purchase back.</summary>
    /// <exception cref="DeliveryPayloadException">It cannot be read; the message says why.</exception>
    public Purchase Deserialize(string? payload)
    {
        if (payload is null)
        {
            throw new DeliveryPayloadException("The stored purchase was purged, so it cannot be delivered.");
        }

        StoredPayload? stored;
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("v", out var version)
                || version.ValueKind != JsonValueKind.Number)
            {
                throw new DeliveryPayloadException("The stored purchase has no schema version (\"v\"); it is not a PurchaseSdk.Delivery payload.");
            }

            if (!version.TryGetInt32(out var v) || v != CurrentVersion)
            {
                throw new DeliveryPayloadException(
                    $"The stored purchase has schema version {version.GetRawText()}, which this version of PurchaseSdk.Delivery does not know (it reads version {CurrentVersion}). " +
                    "It was probably written by a newer version: deliver it with that version, or re-drive it after upgrading.");
            }

            stored = document.RootElement.Deserialize(DeliveryJsonContext.Default.StoredPayload);
        }
        catch (JsonException exception)
        {
            throw new DeliveryPayloadException($"The stored purchase is not valid JSON ({exception.Message}); it cannot be delivered.", exception);
        }

        if (stored?.Purchase is not { } p || string.IsNullOrEmpty(p.OrderId))
        {
            throw new DeliveryPayloadException("The stored purchase has no purchase or no order id; it cannot be delivered.");
        }

        var purchase = new Purchase
        {
            OrderId = p.OrderId,
            Customer = p.Customer is { } c ? new Customer { Email = c.Email, Id = c.Id, Name = c.Name } : null,
            Currency = p.Currency ?? string.Empty,
            Lines = [.. (p.Lines ?? []).Select(static l => new PurchaseLine
            {
                Name = l.Name ?? string.Empty,
                Sku = l.Sku,
                ProductId = l.ProductId,
                LineId = l.LineId,
                Quantity = l.Quantity,
                UnitPrice = l.UnitPrice,
                Size = l.Size,
                Brand = l.Brand,
                Color = l.Color,
                Properties = ReadOnly(l.Properties),
            })],
            Tax = p.Tax,
            Shipping = p.Shipping,
            Discount = p.Discount,
            OccurredAt = p.OccurredAt,
            Status = p.Status,
            Source = p.Source,
            Store = p.Store,
            Permalink = p.Permalink,
            Properties = ReadOnly(p.Properties),
        };

        if (p.Subtotal is not null || p.Total is not null)
        {
            purchase = purchase.WithGivenAmounts(p.Subtotal, p.Total);
        }

        if (stored.ProtectedContexts is { } protectedContexts)
        {
            foreach (var context in ReadContexts(protectedContexts))
            {
                purchase.Contexts.Add(context);
            }
        }

        return purchase;
    }

    private List<object> ReadContexts(string protectedContexts)
    {
        byte[] plain;
        try
        {
            plain = _protector.Unprotect(FromBase64Url(protectedContexts));
        }
        catch (FormatException exception)
        {
            throw new DeliveryPayloadException("The stored purchase's protected contexts are damaged (not base64url); it cannot be delivered.", exception);
        }
        catch (CryptographicException exception)
        {
            throw new DeliveryPayloadException(
                "The stored purchase's contexts cannot be unprotected: this application's data-protection key ring does not hold the key they were protected with, " +
                $"or they were changed ({exception.Message}). Share one key ring between every instance (same key storage and application name), then re-drive the delivery.",
                exception);
        }

        try
        {
            var contexts = JsonSerializer.Deserialize(plain, DeliveryJsonContext.Default.ListStoredContext) ?? [];
            var result = new List<object>(contexts.Count);
            foreach (var stored in contexts)
            {
                if (stored.Type is null || !_byName.TryGetValue(stored.Type, out var type))
                {
                    throw new DeliveryPayloadException(
                        $"The stored purchase carries a context of type '{stored.Type}', which no package registered in this application; add the provider package that defines it.");
                }

                result.Add(stored.Value.Deserialize(type.TypeInfo)
                    ?? throw new DeliveryPayloadException($"The stored context '{stored.Type}' is empty."));
            }

            return result;
        }
        catch (JsonException exception)
        {
            throw new DeliveryPayloadException($"The stored purchase's contexts cannot be read ({exception.GetType().Name}); it cannot be delivered.", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static Dictionary<string, string>? Copy(IReadOnlyDictionary<string, string> properties) =>
        properties.Count == 0 ? null : new Dictionary<string, string>(properties, StringComparer.Ordinal);

    private static System.Collections.ObjectModel.ReadOnlyDictionary<string, string> ReadOnly(Dictionary<string, string>? properties) =>
        properties is null || properties.Count == 0
            ? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty
            : new(properties);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = (s.Length % 4) switch
        {
            2 => s + "==",
            3 => s + "=",
            _ => s,
        };
        return Convert.FromBase64String(s);
    }
}
