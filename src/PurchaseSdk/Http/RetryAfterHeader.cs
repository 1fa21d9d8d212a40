namespace PurchaseSdk.Http;

/// <summary>Reads the standard <c>Retry-After</c> header in both of its forms (seconds and HTTP-date).</summary>
internal static class RetryAfterHeader
{
    /// <summary>
    /// Gets how long <paramref name="response"/> asks to wait: the delta form as is, the date form relative to
    /// <paramref name="timeProvider"/>'s clock (a date in the past means no wait). Null when the header is absent or
    /// malformed.
    /// </summary>
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter is null)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
