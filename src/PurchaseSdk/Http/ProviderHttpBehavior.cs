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
    /// Whether <see cref="IsRefusalAsync"/> must look at success answers; false (the default) keeps success answers
    /// streaming straight to the client without buffering.
    /// </summary>
    public virtual bool InspectsSuccessAnswers => false;

    /// <summary>
    /// Whether a success answer (2xx) is in fact a refusal, for APIs that answer <c>200</c> with an error body (Scout's
    /// <c>{"success": false}</c>). A refusal becomes a permanent <see cref="ProviderRequestException"/> built from the
    /// body. The default reads nothing and returns false. The answer's content is buffered, so it can be read here.
    /// </summary>
    /// <remarks>Only called when <see cref="InspectsSuccessAnswers"/> is true.</remarks>
    public virtual ValueTask<bool> IsRefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);

    /// <summary>
    /// Whether <paramref name="request"/> can be sent again after an attempt that may have been processed (a timeout
    /// or reset after sending, 500, 502, 504) without recording anything twice. The retry policy retries such a
    /// request like one that was not processed; otherwise the failure ends the call (and a provider that can be asked
    /// looks the record up instead). The default is true for GET, HEAD and OPTIONS only. Override it for endpoints
    /// that upsert by a key in the request (Drip's shopper activity, by provider and order id). Attempts that were
    /// certainly not processed are retried whatever this returns.
    /// </summary>
    /// <param name="request">The request about to be retried; its content must not be read.</param>
    public virtual bool IsSafeToRepeat(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpFailureClassifier.IsSafeToRepeat(request.Method);
    }

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
        "authorization", "x-api-key", "ep-account-management-authentication-token", "payment_token",
    ];
}
