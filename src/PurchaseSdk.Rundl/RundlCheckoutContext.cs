namespace PurchaseSdk.Rundl;

/// <summary>
/// What Rundl needs to create a checkout for a purchase: the account, the service, and the Rundl product of each
/// line (or one product for the whole purchase). Attach it: <c>Contexts = { new RundlCheckoutContext { ... } }</c>;
/// without it Rundl is skipped.
/// </summary>
public sealed class RundlCheckoutContext
{
    /// <summary>The account the checkout is made in (the <c>account</c> query parameter).</summary>
    public required long AccountId { get; init; }

    /// <summary>The service the checkout is for.</summary>
    public required long ServiceId { get; init; }

    /// <summary>One Rundl product that stands for the whole purchase (sent with quantity 1).</summary>
    public long? ProductId { get; init; }

    /// <summary>The Rundl product of each line, in the order of <see cref="Purchase.Lines"/> (sent with each line's quantity).</summary>
    public IReadOnlyList<long>? LineProductIds { get; init; }

    /// <summary>The security token of a credit-card checkout, if any (a secret: never printed).</summary>
    public string? PaymentToken { get; init; }

    /// <summary>Describes the context without the payment token.</summary>
    public override string ToString() => $"RundlCheckoutContext {{ AccountId = {AccountId}, ServiceId = {ServiceId} }}";
}
