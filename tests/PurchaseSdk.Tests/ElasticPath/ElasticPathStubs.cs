using PurchaseSdk.ElasticPath;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace PurchaseSdk.Tests.ElasticPath;

/// <summary>Elastic Path stubs, answering as seed 004 and providers.md §5 document.</summary>
internal static class ElasticPathStubs
{
    public const string CartReference = "cart-1";

    public static IRequestBuilder TokenRequest => Request.Create().WithPath("/oauth/access_token").UsingPost();

    public static IRequestBuilder CheckoutRequest => Request.Create().WithPath($"/v2/carts/{CartReference}/checkout").UsingPost();

    public static string Token(string accessToken, int expiresIn = 3600) =>
        Seed.Read("ElasticPath/access-token.response.json").Replace("ep-token-1", accessToken, StringComparison.Ordinal).Replace("3600", expiresIn.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>Issues <paramref name="tokens"/> one after the other, then keeps issuing the last.</summary>
    public static void IssueTokens(WireMockServer server, params string[] tokens) =>
        server.AnswerInTurn(TokenRequest, [.. tokens.Select(token => Respond.Json(200, Token(token)))]);

    public static void CheckoutAnswers(WireMockServer server, int status = 201) =>
        server.Given(CheckoutRequest).RespondWith(Respond.Seed(status, "ElasticPath/checkout.response.json"));

    public static ElasticPathAddress Billing => new()
    {
        FirstName = "John", LastName = "Doe", CompanyName = "ElasticPath", Line1 = "1234 Disney Drive", Line2 = "Disney Resort",
        City = "Anaheim", County = "Orange", Region = "CA", Postcode = "92802", Country = "US",
    };

    public static ElasticPathAddress Shipping => new()
    {
        FirstName = "John", LastName = "Doe", CompanyName = "ElasticPath", PhoneNumber = "(555) 555-1234", Line1 = "1234 Disney Drive",
        Line2 = "Disney Resort", City = "Anaheim", County = "Orange", Region = "CA", Postcode = "92802", Country = "US", Instructions = "Leave in porch",
    };

    /// <summary>A purchase carrying the account checkout of seed 004.</summary>
    public static Purchase AccountPurchase(string orderId = "ep-order-1") => WithContext(orderId, new ElasticPathCheckoutContext
    {
        CartReference = CartReference,
        AccountId = "8cee1b9e-3e39-4d5f-bd4a-86cdb985c6ee",
        AccountMemberId = "338f84bf-e6c9-4704-9f33-2708addd462b",
        BillingAddress = Billing,
        ShippingAddress = Shipping,
    }, "john@email.com");

    /// <summary>A purchase carrying the account-member checkout of seed 004.</summary>
    public static Purchase MemberPurchase(string token) => WithContext("ep-order-2", new ElasticPathCheckoutContext
    {
        CartReference = CartReference,
        AccountManagementToken = token,
        BillingAddress = Billing,
        ShippingAddress = Shipping,
    }, "johndoe@email.com");

    private static Purchase WithContext(string orderId, ElasticPathCheckoutContext context, string email)
    {
        var purchase = Purchases.Simple(orderId, email);
        var withName = new Purchase
        {
            OrderId = purchase.OrderId,
            Currency = purchase.Currency,
            Lines = purchase.Lines,
            OccurredAt = purchase.OccurredAt,
            Customer = new Customer { Name = "John Doe", Email = email },
        };
        withName.Contexts.Add(context);
        return withName;
    }
}
