namespace PurchaseSdk.Tests.Support;

/// <summary>
/// The credentials every test SDK is configured with when it points at a stub (WireMock or a
/// <see cref="MisbehavingServer"/>), so a test can assert the header each one becomes. The sandbox has its own
/// (<c>PurchaseSandbox.Credentials</c>).
/// </summary>
internal static class TestCredentials
{
    public const string KitToken = "kit-oauth-token-0123456789";
    public const string ScoutKey = "scout-secret-key-0123456789";
    public const string RundlToken = "rundl-user-token-0123456789";
    public const string DripKey = "drip-api-key-0123456789";
    public const string DripAccount = "9999999";
    public const string ElasticPathClientId = "ep-client-id";
    public const string ElasticPathSecret = "ep-client-secret-0123456789";

    /// <summary>Every secret above (account and client ids are not secrets).</summary>
    public static IReadOnlyList<string> Secrets { get; } = [KitToken, ScoutKey, RundlToken, DripKey, ElasticPathSecret];
}
