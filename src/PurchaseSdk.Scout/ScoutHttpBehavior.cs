using System.Net;
using System.Text.Json;
using PurchaseSdk.Http;

namespace PurchaseSdk.Scout;

/// <summary>
/// Scout's rules: a <c>200 {"success": false}</c> is a refusal, and a 403 means a wrong API key or a wrong user
/// access token (Scout API reference, "Errors").
/// </summary>
internal sealed class ScoutHttpBehavior : ProviderHttpBehavior
{
    public static ScoutHttpBehavior Instance { get; } = new();

    public override bool InspectsSuccessAnswers => true;

    /// <summary>Scout's application key travels in <c>x-api-key</c>.</summary>
    public override IReadOnlyCollection<string> SecretFieldNames { get; } = [.. CommonSecretFieldNames, "x-api-key"];

    public override async ValueTask<bool> IsRefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("success", out var success)
                && success.ValueKind == JsonValueKind.False;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public override string? DescribeFailure(ProviderErrorDetails error) => error.StatusCode switch
    {
        HttpStatusCode.Forbidden => "Scout answers 403 for a wrong API key or a wrong user access token: check PurchaseSdk:Scout:ApiKey (sent as x-api-key) and the ScoutUserContext access token of this purchase.",
        HttpStatusCode.OK => "Scout refused the request although it answered 200.",
        _ => null,
    };
}
