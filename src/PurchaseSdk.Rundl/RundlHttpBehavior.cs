using PurchaseSdk.Http;

namespace PurchaseSdk.Rundl;

/// <summary>Rundl's rules: a checkout's <c>payment_token</c> is a secret field like the OAuth ones.</summary>
internal sealed class RundlHttpBehavior : ProviderHttpBehavior
{
    public static RundlHttpBehavior Instance { get; } = new();

    public override IReadOnlyCollection<string> SecretFieldNames { get; } = [.. CommonSecretFieldNames, "payment_token"];
}
