using System.Net.Http;

namespace PurchaseSdk.Http;

/// <summary>
/// What a provider's HTTP calls do differently from the shared pipeline: how long a refusal asks to wait, and a
/// hint that makes an error actionable. The defaults suit most providers; a provider package overrides what its
/// API documents.
/// </summary>
public class ProviderHttpBehavior
{
    /// <summary>The behaviour with no provider-specific rule.</summary>
    public static ProviderHttpBehavior Default { get; } = new();

    /// <summary>
    /// How long <paramref name="response"/> asks the SDK to wait before another call. The default reads the
    /// standard <c>Retry-After</c> header.
    /// </summary>
    public virtual TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider) =>
        RetryAfterHeader.Read(response, timeProvider);

    /// <summary>
    /// A sentence appended to the error message of a failed answer, saying what to check (for example which two
    /// credentials a 403 is about). Null for none. It must not contain secrets.
    /// </summary>
    public virtual string? DescribeFailure(ProviderErrorDetails error) => null;

    /// <summary>
    /// Names of request and answer JSON properties, form fields and headers whose values are secrets. Their values
    /// are removed from error messages and excerpts.
    /// </summary>
    public virtual IReadOnlyCollection<string> SecretFieldNames => DefaultSecretFieldNames;

    private static readonly string[] DefaultSecretFieldNames =
    [
        "access_token", "refresh_token", "client_secret", "api_key", "apikey", "api_secret", "password", "token",
        "authorization", "x-api-key", "ep-account-management-authentication-token",
    ];
}
