using System.Globalization;
using System.Net;
using System.Net.Http;
using PurchaseSdk.Http;

namespace PurchaseSdk.Drip;

/// <summary>
/// Drip's rate limits (providers.md §4.5): 3,600 requests an hour with <c>X-RateLimit-Limit</c> and
/// <c>X-RateLimit-Remaining</c>. A 429 with nothing remaining means the hourly budget is spent: the wait is until
/// <c>X-RateLimit-Reset</c> when sent, else an hour, so the call fails fast with that <c>RetryAfter</c> instead of
/// spinning.
/// </summary>
internal sealed class DripHttpBehavior : ProviderHttpBehavior
{
    public static DripHttpBehavior Instance { get; } = new();

    public override TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        if (base.GetRetryAfter(response, timeProvider) is { } asked)
        {
            return asked;
        }

        if (response.StatusCode != HttpStatusCode.TooManyRequests || ReadNumber(response, "X-RateLimit-Remaining") != 0)
        {
            return null;
        }

        if (ReadNumber(response, "X-RateLimit-Reset") is { } resetAt)
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(resetAt) - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return TimeSpan.FromHours(1);
    }

    public override string? DescribeFailure(ProviderErrorDetails error) => error.StatusCode switch
    {
        HttpStatusCode.TooManyRequests => "Drip allows 3,600 requests an hour per account.",
        HttpStatusCode.UnsupportedMediaType => "Drip refused the content type; the SDK sends application/json.",
        _ => null,
    };

    private static long? ReadNumber(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
