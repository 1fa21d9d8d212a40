namespace PurchaseSdk;

/// <summary>
/// A completed purchase, in the provider-neutral shape every PurchaseSdk provider maps from.
/// </summary>
/// <remarks>
/// <para>Amounts are <see cref="decimal"/> values in major units of <see cref="Currency"/> (<c>15.50m</c> is
/// fifteen dollars fifty). They are never rounded: an amount with more decimals than the currency allows is a
/// validation error (see <see cref="Currencies"/>).</para>
/// <para>Inputs that only one provider needs (a Scout user, an Elastic Path cart, ...) travel as typed contexts
/// in <see cref="Contexts"/>; a provider whose context is missing is skipped with a reason.</para>
/// </remarks>
public sealed class Purchase
{
    private readonly decimal? _subtotal;
    private readonly decimal? _total;

    /// <summary>Your order id (the primary key of your order system). Required.</summary>
    public required string OrderId { get; init; }

    /// <summary>The buyer.</summary>
    public Customer? Customer { get; init; }

    /// <summary>The ISO 4217 currency code of every amount of the purchase (<c>USD</c>, <c>JPY</c>, <c>KWD</c>). Required.</summary>
    public required string Currency { get; init; }

    /// <summary>The purchased lines. At least one is required.</summary>
    public IReadOnlyList<PurchaseLine> Lines { get; init; } = [];

    /// <summary>Order-level tax, in major units.</summary>
    public decimal Tax { get; init; }

    /// <summary>Order-level shipping, in major units.</summary>
    public decimal Shipping { get; init; }

    /// <summary>Order-level discount, in major units (a positive amount that is subtracted).</summary>
    public decimal Discount { get; init; }

    /// <summary>
    /// The sum of the line totals. When not given it is computed from <see cref="Lines"/>; when given it must
    /// equal that sum.
    /// </summary>
    public decimal Subtotal
    {
        get => _subtotal ?? ComputedSubtotal;
        init => _subtotal = value;
    }

    /// <summary>
    /// <see cref="Subtotal"/> + <see cref="Tax"/> + <see cref="Shipping"/> − <see cref="Discount"/>. When not
    /// given it is computed; when given it must equal that amount.
    /// </summary>
    public decimal Total
    {
        get => _total ?? ComputedTotal;
        init => _total = value;
    }

    /// <summary>Whether <see cref="Subtotal"/> was given rather than computed.</summary>
    public bool IsSubtotalSpecified => _subtotal.HasValue;

    /// <summary>Whether <see cref="Total"/> was given rather than computed.</summary>
    public bool IsTotalSpecified => _total.HasValue;

    /// <summary>
    /// When the purchase happened, with its offset. When not given, the reporter uses the time of the report.
    /// </summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>The purchase status as your platform names it (for example <c>paid</c>). Kit defaults it to <c>paid</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The platform the purchase came from (for example <c>gumroad</c>); Drip's <c>provider</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The store the purchase was made at (Scout's <c>store</c>).</summary>
    public string? Store { get; init; }

    /// <summary>A URL of the human-readable order page (Drip's <c>permalink</c>).</summary>
    public string? Permalink { get; init; }

    /// <summary>Free-form order properties (Drip's purchase <c>properties</c>).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = EmptyProperties.Instance;

    /// <summary>
    /// Provider-specific inputs, one per type (for example a Scout user or an Elastic Path cart). Add them with
    /// a collection initializer: <c>Contexts = { new ScoutUserContext(...) }</c>.
    /// </summary>
    public PurchaseContexts Contexts { get; init; } = new();

    private decimal ComputedSubtotal
    {
        get
        {
            decimal sum = 0m;
            var lines = Lines ?? [];
            for (var i = 0; i < lines.Count; i++)
            {
                sum += lines[i]?.LineTotal ?? 0m;
            }

            return sum;
        }
    }

    private decimal ComputedTotal => Subtotal + Tax + Shipping - Discount;

    /// <summary>Returns a copy whose <see cref="OccurredAt"/> is <paramref name="occurredAt"/>; everything else is shared.</summary>
    public Purchase WithOccurredAt(DateTimeOffset occurredAt) => new(this, _subtotal, _total) { OccurredAt = occurredAt };

    /// <summary>
    /// Returns a copy whose <see cref="Subtotal"/> and <see cref="Total"/> are given explicitly (validated against the
    /// lines like any given amount); a null argument keeps that amount as it is, given or computed.
    /// </summary>
    public Purchase WithGivenAmounts(decimal? subtotal, decimal? total) => new(this, subtotal ?? _subtotal, total ?? _total);

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    private Purchase(Purchase source, decimal? subtotal, decimal? total)
    {
        OrderId = source.OrderId;
        Customer = source.Customer;
        Currency = source.Currency;
        Lines = source.Lines;
        Tax = source.Tax;
        Shipping = source.Shipping;
        Discount = source.Discount;
        _subtotal = subtotal;
        _total = total;
        OccurredAt = source.OccurredAt;
        Status = source.Status;
        Source = source.Source;
        Store = source.Store;
        Permalink = source.Permalink;
        Properties = source.Properties;
        Contexts = source.Contexts;
    }

    /// <summary>Creates an empty purchase; set at least <see cref="OrderId"/>, <see cref="Currency"/> and <see cref="Lines"/>.</summary>
    public Purchase()
    {
    }

    /// <summary>Describes the purchase without any personal data or provider secrets.</summary>
    public override string ToString()
    {
        var lines = Lines?.Count ?? 0;
        string total;
        try
        {
            total = Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            total = "(too large)";
        }

        return $"Purchase {OrderId}: {lines} line(s), total {total} {Currency}";
    }
}
