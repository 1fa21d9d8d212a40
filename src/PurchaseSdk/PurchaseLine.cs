namespace PurchaseSdk;

/// <summary>One purchased line: a product, its quantity and unit price.</summary>
public sealed class PurchaseLine
{
    /// <summary>The product name. Required.</summary>
    public required string Name { get; init; }

    /// <summary>The SKU or style id.</summary>
    public string? Sku { get; init; }

    /// <summary>Your product id (Kit's <c>pid</c>, Drip's <c>product_id</c>).</summary>
    public string? ProductId { get; init; }

    /// <summary>Your id of this line (Kit's <c>lid</c>, Drip's item <c>id</c>).</summary>
    public string? LineId { get; init; }

    /// <summary>How many units were bought; at least 1.</summary>
    public int Quantity { get; init; } = 1;

    /// <summary>The price of one unit, in major units of the purchase currency.</summary>
    public decimal UnitPrice { get; init; }

    /// <summary>The size; Scout sends <c>OS</c> (one size) when absent.</summary>
    public string? Size { get; init; }

    /// <summary>The brand.</summary>
    public string? Brand { get; init; }

    /// <summary>The colour.</summary>
    public string? Color { get; init; }

    /// <summary>Free-form line properties (Drip's item <c>properties</c>).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = EmptyProperties.Instance;

    /// <summary><see cref="UnitPrice"/> × <see cref="Quantity"/>, exact.</summary>
    public decimal LineTotal => UnitPrice * Quantity;

    /// <summary>Describes the line.</summary>
    public override string ToString() => $"{Quantity} × {Name} at {UnitPrice}";
}
