namespace PurchaseSdk.Tests.Core;

/// <summary>One tolerant parser for every provider's error body (providers.md §1.4, §3.6, §4.5-4.6, §5.5).</summary>
public sealed class ProviderErrorBodyParserTests
{
    [Test]
    public void Kit_errors_are_an_array_of_strings()
    {
        var parsed = ProviderErrorBodyParser.Parse("""{"errors":["Transaction cannot be blank"]}""");

        Assert.That(parsed.Messages, Is.EqualTo(new[] { "Transaction cannot be blank" }));
    }

    [Test]
    public void Drip_errors_carry_code_attribute_and_message()
    {
        var parsed = ProviderErrorBodyParser.Parse("""{"errors":[{"code":"presence_error","attribute":"amount","message":"Amount can't be blank"}]}""");

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Code, Is.EqualTo("presence_error"));
            Assert.That(parsed.Messages, Is.EqualTo(new[] { "Amount can't be blank" }));
        });
    }

    [Test]
    public void Drip_rate_limit_body_is_a_message()
    {
        var parsed = ProviderErrorBodyParser.Parse("""{"message":"API rate limit exceeded. Please try again in an hour.","documentation":"https://www.getdrip.com/docs/rest-api#rate-limting"}""");

        Assert.That(parsed.Messages, Is.EqualTo(new[] { "API rate limit exceeded. Please try again in an hour." }));
    }

    [Test]
    public void Elastic_Path_errors_keep_title_detail_and_the_request_id_without_repeating_words()
    {
        var parsed = ProviderErrorBodyParser.Parse("""{"errors":[{"status":400,"source":"enabled","title":"required","detail":"enabled is required"},{"status":400,"title":"Insufficient stock","detail":"There is not enough stock to add SKU-1 to your cart","meta":{"sku":"SKU-1"}}],"request_id":"req-77"}""");

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Messages, Is.EqualTo(new[] { "enabled is required", "Insufficient stock: There is not enough stock to add SKU-1 to your cart" }));
            Assert.That(parsed.Code, Is.EqualTo("required"));
            Assert.That(parsed.RequestId, Is.EqualTo("req-77"));
        });
    }

    [Test]
    public void Elastic_Path_errors_as_one_object_with_a_string_status_are_tolerated()
    {
        var parsed = ProviderErrorBodyParser.Parse("""{"errors":{"status":"401","title":"Unauthorized"}}""");

        Assert.That(parsed.Messages, Is.EqualTo(new[] { "Unauthorized" }));
    }

    [Test]
    public void Scout_failure_is_success_false_with_a_message()
    {
        var parsed = ProviderErrorBodyParser.Parse("""{"success":false,"message":"Incorrect API key or incorrect access_token"}""");

        Assert.That(parsed.Messages, Is.EqualTo(new[] { "Incorrect API key or incorrect access_token" }));
    }

    [Test]
    public void OAuth_errors_use_error_and_error_description()
    {
        var parsed = ProviderErrorBodyParser.Parse("""{"error":"invalid_grant","error_description":"The refresh token is invalid"}""");

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Code, Is.EqualTo("invalid_grant"));
            Assert.That(parsed.Messages, Is.EqualTo(new[] { "The refresh token is invalid" }));
        });
    }

    [TestCase("Retry later", "Retry later")]
    [TestCase("<html><body>Bad gateway</body></html>", null)]
    [TestCase("{not json", null)]
    [TestCase("", null)]
    public void Plain_text_html_and_broken_json_never_throw(string body, string? message)
    {
        var parsed = ProviderErrorBodyParser.Parse(body);

        Assert.That(parsed.Messages, message is null ? Is.Empty : Is.EqualTo(new[] { message }));
    }
}
