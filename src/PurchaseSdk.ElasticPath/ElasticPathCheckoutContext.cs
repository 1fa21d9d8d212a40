namespace PurchaseSdk.ElasticPath;

/// <summary>
/// What Elastic Path needs to check a purchase's cart out: the cart reference and who checks out, either an account
/// (<see cref="AccountId"/>, optionally <see cref="AccountMemberId"/>) or an account member
/// (<see cref="AccountManagementToken"/>), plus the addresses. The contact comes from the purchase's customer.
/// </summary>
public sealed class ElasticPathCheckoutContext
{
    /// <summary>The reference of the cart to check out. Required.</summary>
    public required string CartReference { get; init; }

    /// <summary>The account checking out (account checkout with the client-credentials token).</summary>
    public string? AccountId { get; init; }

    /// <summary>The account member within <see cref="AccountId"/>.</summary>
    public string? AccountMemberId { get; init; }

    /// <summary>
    /// The account member's account-management token (account-member checkout); sent as
    /// <c>EP-Account-Management-Authentication-Token</c>. A secret: never printed.
    /// </summary>
    public string? AccountManagementToken { get; init; }

    /// <summary>The billing address.</summary>
    public ElasticPathAddress? BillingAddress { get; init; }

    /// <summary>The shipping address.</summary>
    public ElasticPathAddress? ShippingAddress { get; init; }

    /// <summary>Your order number for the order, if you use one besides the order id.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>Describes the context without the token.</summary>
    public override string ToString() => $"ElasticPathCheckoutContext {{ CartReference = {CartReference}, AccountId = {AccountId} }}";
}
