namespace PurchaseSdk.Testing;

/// <summary>
/// The credentials and identities the sandbox accepts. <c>UsePurchaseSandbox</c> configures every provider with
/// them; a wrong one gets the provider's real refusal.
/// </summary>
public sealed class SandboxCredentials
{
    /// <summary>Kit's OAuth access token.</summary>
    public string KitAccessToken { get; init; } = "sandbox-kit-access-token";

    /// <summary>Scout's application key (<c>x-api-key</c>).</summary>
    public string ScoutApiKey { get; init; } = "sandbox-scout-api-key";

    /// <summary>The Scout user every checkout goes to.</summary>
    public long ScoutUserId { get; init; } = 1;

    /// <summary>That user's access token.</summary>
    public string ScoutUserAccessToken { get; init; } = "sandbox-scout-user-token";

    /// <summary>The OAuth code the Scout code exchange accepts.</summary>
    public string ScoutAuthorizationCode { get; init; } = "sandbox-scout-code";

    /// <summary>Rundl's user access token (accepted plain or base64-encoded).</summary>
    public string RundlAccessToken { get; init; } = "sandbox-rundl-access-token";

    /// <summary>Drip's account id.</summary>
    public string DripAccountId { get; init; } = "9999999";

    /// <summary>Drip's API key (HTTP Basic).</summary>
    public string DripApiKey { get; init; } = "sandbox-drip-api-key";

    /// <summary>Elastic Path's client id.</summary>
    public string ElasticPathClientId { get; init; } = "sandbox-ep-client-id";

    /// <summary>Elastic Path's client secret.</summary>
    public string ElasticPathClientSecret { get; init; } = "sandbox-ep-client-secret";

    /// <summary>Describes the credentials without their values.</summary>
    public override string ToString() => "SandboxCredentials";
}
