using System.Text.Json.Serialization;

namespace PurchaseSdk.ElasticPath;

/// <summary>The <c>{"data": {...}}</c> body of <c>POST /v2/carts/{reference}/checkout</c> (https://github.com/elasticpath/elasticpath-dev, openapispecs/cartsorders/OpenAPISpec.yaml, "Checkout API").</summary>
public sealed class ElasticPathCheckoutRequest
{
    /// <summary>The checkout.</summary>
    [JsonPropertyName("data")]
    public required ElasticPathCheckout Data { get; init; }
}
