namespace PurchaseSdk;

/// <summary>The buyer of a <see cref="Purchase"/>.</summary>
public sealed class Customer
{
    /// <summary>The buyer's email address (Kit's <c>email_address</c>, Drip's subscriber, Elastic Path's contact).</summary>
    public string? Email { get; init; }

    /// <summary>Your id of the buyer.</summary>
    public string? Id { get; init; }

    /// <summary>The buyer's full name.</summary>
    public string? Name { get; init; }

    /// <summary>Describes the customer without personal data.</summary>
    public override string ToString() => Id is null ? "Customer" : $"Customer {Id}";
}
