namespace PurchaseSdk.Http;

/// <summary>
/// One secret setting of a provider (a key, a token, a client secret): its configuration key, so problems can name
/// it, and its value, so the SDK can remove it from every message, log line and stored payload.
/// </summary>
/// <param name="Key">The key under the provider's section, such as <c>AccessToken</c>.</param>
/// <param name="Value">The secret; null or empty when not set.</param>
/// <param name="SentInHeader">
/// Whether it travels as is in an HTTP header, where only printable ASCII is allowed (checked at start-up). False
/// for a secret sent encoded (base64) or in a body.
/// </param>
public readonly record struct ProviderSecret(string Key, string? Value, bool SentInHeader)
{
    /// <summary>Names the setting, never its value.</summary>
    public override string ToString() => $"ProviderSecret {Key}";
}
