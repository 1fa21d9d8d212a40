using PurchaseSdk.Http;

namespace PurchaseSdk.ElasticPath;

/// <summary>
/// Maps a purchase and its <see cref="ElasticPathCheckoutContext"/> to a checkout (https://github.com/elasticpath/elasticpath-dev, openapispecs/cartsorders/OpenAPISpec.yaml, "Checkout API"): the contact from the
/// customer, <c>external_ref</c> = the purchase's order id (so the order can be found again), and the account or
/// account-member form.
/// </summary>
internal static class ElasticPathCheckoutMapper
{
    private const int MaxExternalRefLength = 64;

    public static (ElasticPathCheckoutRequest? Request, string? SkipReason) Map(Purchase purchase, ElasticPathCheckoutContext context)
    {
        if (!PathSegment.IsValid(context.CartReference))
        {
            return (null, "ElasticPathCheckoutContext.CartReference is empty or not a usable cart reference.");
        }

        var customer = purchase.Customer;
        if (string.IsNullOrWhiteSpace(customer?.Name) || string.IsNullOrWhiteSpace(customer.Email))
        {
            return (null, "Elastic Path needs Customer.Name and Customer.Email for the checkout contact.");
        }

        if (purchase.OrderId.Length > MaxExternalRefLength)
        {
            return (null, $"Elastic Path keeps at most {MaxExternalRefLength} characters of external_ref, and the order id is longer.");
        }

        var memberCheckout = !string.IsNullOrWhiteSpace(context.AccountManagementToken);
        if (memberCheckout && context.AccountManagementToken!.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return (null, "ElasticPathCheckoutContext.AccountManagementToken contains a line break; it cannot be sent as a header.");
        }

        if (!memberCheckout && string.IsNullOrWhiteSpace(context.AccountId))
        {
            return (null, "Elastic Path needs who checks out: ElasticPathCheckoutContext.AccountId (account checkout) or AccountManagementToken (account-member checkout).");
        }

        return (new ElasticPathCheckoutRequest
        {
            Data = new ElasticPathCheckout
            {
                Account = memberCheckout ? null : new ElasticPathCheckoutAccount { Id = context.AccountId!, MemberId = context.AccountMemberId },
                Contact = new ElasticPathContact { Email = customer.Email.Trim(), Name = customer.Name.Trim() },
                BillingAddress = context.BillingAddress,
                ShippingAddress = context.ShippingAddress,
                ExternalRef = purchase.OrderId,
                OrderNumber = context.OrderNumber,
            },
        }, null);
    }
}
