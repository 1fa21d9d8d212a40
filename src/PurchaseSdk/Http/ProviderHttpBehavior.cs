using System.Globalization;
using System.Net;

namespace PurchaseSdk.Http;

/// <summary>
/// Everything a provider's HTTP calls do differently from the shared pipeline, as hooks the core calls: which
/// requests are safe to repeat, how its error bodies read, which fields are secrets, how long a refusal asks to wait
/// (including rate-limit headers), whether a 200 is in fact a refusal, and a hint that makes an error actionable. The
/// core holds no provider's rules; each provider package overrides what its API documents.
/// </summary>
public class ProviderHttpBehavior
{
    /// <summary>The behaviour with no provider-specific rule.</summary>
    public static ProviderHttpBehavior Default { get; } = new();

    /// <summary>
    /// The rate-limit headers the provider sends, if any. With them, a <c>429</c> whose remaining count is zero
    /// means the budget of the window is spent: the wait is until the reset time (or <see cref="RateLimitHeaders.WindowWhenResetUnknown"/>),
    /// which usually exceeds <c>MaxRetryAfter</c>, so the call fails at once with <c>RetryAfter</c> set.
    /// </summary>
    public virtual RateLimitHeaders? RateLimitHeaders => null;

    /// <summary>
    /// Whether sending <paramref name="request"/> again cannot create a second record. The default: GET, HEAD and
    /// OPTIONS. A provider that upserts a create by a key it is given overrides it for that endpoint. A request safe
    /// to repeat is retried after failures that may have been processed; any other is not.
    /// </summary>
    public virtual bool IsSafeToRepeat(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpFailureClassifier.IsSafeToRepeat(request.Method);
    }

    /// <summary>
    /// Which of the provider's request budgets <paramref name="request"/> counts against (see
    /// <see cref="PurchaseProviderOptions.GetRateLimit"/>). The default: one budget, <c>requests</c>.
    /// </summary>
    public virtual string GetRateLimitBucket(HttpRequestMessage request) => DefaultRateLimitBucket;

    /// <summary>The name of a provider's main request budget: <c>requests</c>.</summary>
    public const string DefaultRateLimitBucket = "requests";

    /// <summary>
    /// How long <paramref name="response"/> asks the SDK to wait before another call: the standard
    /// <c>Retry-After</c> header (seconds or HTTP-date), else the <see cref="RateLimitHeaders"/> rule.
    /// </summary>
    public virtual TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (RetryAfterHeader.Read(response, timeProvider) is { } asked)
        {
            return asked;
        }

        return RateLimitHeaders is { } limits && response.StatusCode == HttpStatusCode.TooManyRequests
            ? limits.WaitWhenSpent(response, timeProvider)
            : null;
    }

    /// <summary>
    /// Whether <see cref="IsRefusalAsync"/> must look at success answers. Every answer is read into memory (bounded)
    /// anyway; false (the default) skips the check.
    /// </summary>
    public virtual bool InspectsSuccessAnswers => false;

    /// <summary>
    /// Whether a success answer (2xx) is in fact a refusal, for APIs that answer <c>200</c> with an error body (Scout's
    /// <c>{"success": false}</c>). A refusal becomes a permanent <see cref="ProviderRequestException"/> built from the
    /// body. The default reads nothing and returns false.
    /// </summary>
    /// <remarks>Only called when <see cref="InspectsSuccessAnswers"/> is true. The body is in memory.</remarks>
    public virtual ValueTask<bool> IsRefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);

    /// <summary>
    /// Reads the provider's error body. The default understands the common shapes: <c>{"errors":["…"]}</c>,
    /// <c>{"errors":[{"code","message"|"title","detail"}]}</c> (also as one object), <c>{"message":…}</c>, OAuth's
    /// <c>{"error","error_description"}</c>, a top-level <c>request_id</c>, and short plain text. It never throws.
    /// </summary>
    public virtual ProviderErrorBody ParseErrorBody(string? body) => ProviderErrorBodyParser.Parse(body);

    /// <summary>
    /// A sentence appended to the error message of a failed answer, saying what to check (for example which two
    /// credentials a 403 is about). Null for none. It must not contain secrets.
    /// </summary>
    public virtual string? DescribeFailure(ProviderErrorDetails error) => null;

    /// <summary>
    /// Names of request and answer JSON properties, form fields and headers whose values are secrets. Their values
    /// are removed from error messages and excerpts. A provider adds its own headers to <see cref="CommonSecretFieldNames"/>.
    /// </summary>
    public virtual IReadOnlyCollection<string> SecretFieldNames => CommonSecretFieldNames;

    /// <summary>The secret field names every provider shares (OAuth and common credential names).</summary>
    public static IReadOnlyCollection<string> CommonSecretFieldNames { get; } =
    [
        "access_token", "refresh_token", "client_secret", "api_key", "apikey", "api_secret", "password", "token",
        "authorization", "id_token",
    ];
}

/// <summary>
/// A provider's rate-limit headers: the requests left in the window and when it resets (Unix seconds).
/// </summary>
/// <param name="RemainingHeader">The header with the requests left, such as <c>X-RateLimit-Remaining</c>.</param>
/// <param name="ResetHeader">The header with the reset time in Unix seconds, such as <c>X-RateLimit-Reset</c>.</param>
/// <param name="WindowWhenResetUnknown">The wait when nothing is left and the reset time is absent or unreadable.</param>
public sealed record RateLimitHeaders(string RemainingHeader, string ResetHeader, TimeSpan WindowWhenResetUnknown)
{
    /// <summary>Reads the remaining count; null when absent or not a whole number.</summary>
    public long? ReadRemaining(HttpResponseMessage response) => ReadNumber(response, RemainingHeader);

    /// <summary>Reads the reset time; null when absent, not a whole number, or not a representable date.</summary>
    public DateTimeOffset? ReadReset(HttpResponseMessage response) =>
        ReadNumber(response, ResetHeader) is { } seconds && seconds is >= MinUnixSeconds and <= MaxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The wait a refusal with nothing remaining asks for; null when something remains.</summary>
    public TimeSpan? WaitWhenSpent(HttpResponseMessage response, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (ReadRemaining(response) != 0)
        {
            return null;
        }

        if (ReadReset(response) is { } reset)
        {
            var wait = reset - timeProvider.GetUtcNow();
            // A reset in the past means the window has turned; one further than a window away cannot be believed.
            return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > WindowWhenResetUnknown ? WindowWhenResetUnknown : wait;
        }

        return WindowWhenResetUnknown;
    }

    private const long MinUnixSeconds = -62135596800;
    private const long MaxUnixSeconds = 253402300799;

    private static long? ReadNumber(HttpResponseMessage response, string header)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues(header, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : null;
    }
}
