using System.Net;
using PurchaseSdk.Http;

namespace PurchaseSdk.Drip;

/// <summary>
/// Drip's rate limits (https://developer.drip.com/#rate-limiting): 3,600 requests an hour with <c>X-RateLimit-Limit</c> and
/// <c>X-RateLimit-Remaining</c>. A 429 with nothing remaining means the hourly budget is spent: the wait is until
/// <c>X-RateLimit-Reset</c> when sent, else an hour, so the call fails fast with that <c>RetryAfter</c> instead of
/// spinning. Shopper activity posts upsert by provider and order id, so they are safe to repeat.
/// </summary>
internal sealed class DripHttpBehavior : ProviderHttpBehavior
{
    private const string ShopperActivitySegment = "/shopper_activity/";

    public static DripHttpBehavior Instance { get; } = new();

    /// <summary>The budget of the batch endpoints (50 requests an hour), apart from the 3,600 of everything else.</summary>
    public const string BatchBucket = "batch";

    /// <summary>Posts to <c>…/batch</c> count against Drip's batch budget.</summary>
    public override string GetRateLimitBucket(HttpRequestMessage request) =>
        request.RequestUri is { } uri && (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString).TrimEnd('/').EndsWith("/batch", StringComparison.Ordinal)
            ? BatchBucket
            : DefaultRateLimitBucket;

    /// <summary>
    /// Also true for a POST to <c>/v3/{account_id}/shopper_activity/…</c> (an order or a batch of orders): Drip
    /// upserts every order by <c>provider</c> and <c>order_id</c>, so sending it again after an ambiguous failure
    /// updates the same order rather than creating a second one (DripEmail/api-docs
    /// <c>source/includes/shopper_activity/_order_activity.md</c>, "Create or update an order").
    /// </summary>
    public override bool IsSafeToRepeat(HttpRequestMessage request) =>
        base.IsSafeToRepeat(request)
        || (request.Method == HttpMethod.Post
            && request.RequestUri is { } uri
            && (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString).Contains(ShopperActivitySegment, StringComparison.Ordinal));

    /// <summary>
    /// <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c> (Unix seconds); with nothing remaining the wait is
    /// until the reset, else the hour of Drip's window.
    /// </summary>
    public override RateLimitHeaders RateLimitHeaders { get; } = new("X-RateLimit-Remaining", "X-RateLimit-Reset", TimeSpan.FromHours(1));

    public override string? DescribeFailure(ProviderErrorDetails error) => error.StatusCode switch
    {
        HttpStatusCode.TooManyRequests => "Drip allows 3,600 requests an hour per account.",
        HttpStatusCode.UnsupportedMediaType => "Drip refused the content type; the SDK sends application/json.",
        _ => null,
    };
}
