using PurchaseSdk.Http;

namespace PurchaseSdk.ElasticPath;

/// <summary>
/// Elastic Path's rules: the account-management token travels in its own header
/// (<c>EP-Account-Management-Authentication-Token</c>), so it is a secret field like the OAuth ones.
/// </summary>
internal sealed class ElasticPathHttpBehavior : ProviderHttpBehavior
{
    public static ElasticPathHttpBehavior Instance { get; } = new();

    public override IReadOnlyCollection<string> SecretFieldNames { get; } =
        [.. CommonSecretFieldNames, "ep-account-management-authentication-token"];
}
