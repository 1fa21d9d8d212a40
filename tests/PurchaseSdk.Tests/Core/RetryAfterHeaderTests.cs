using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using PurchaseSdk.Http;

namespace PurchaseSdk.Tests.Core;

/// <summary>Retry-After in both forms (RFC 9110 §10.2.3): delta seconds and HTTP-date, against the injected clock.</summary>
public sealed class RetryAfterHeaderTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    [Test]
    public void Delta_seconds_are_read_as_is()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120));

        Assert.That(RetryAfterHeader.Read(response, Clock), Is.EqualTo(TimeSpan.FromSeconds(120)));
    }

    [Test]
    public void An_HTTP_date_is_read_relative_to_the_clock()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "Sun, 29 Nov 2026 12:00:45 GMT");

        Assert.That(RetryAfterHeader.Read(response, Clock), Is.EqualTo(TimeSpan.FromSeconds(45)));
    }

    [Test]
    public void A_date_in_the_past_means_no_wait_and_no_header_means_null()
    {
        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        past.Headers.TryAddWithoutValidation("Retry-After", "Sun, 29 Nov 2026 11:00:00 GMT");
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Multiple(() =>
        {
            Assert.That(RetryAfterHeader.Read(past, Clock), Is.EqualTo(TimeSpan.Zero));
            Assert.That(RetryAfterHeader.Read(none, Clock), Is.Null);
        });
    }
}
