using System.Net.Http.Headers;
using System.Text;

namespace PurchaseSdk.Tests.Core;

/// <summary>Secrets never leave the SDK in text: configured values, request credentials, secret body fields.</summary>
public sealed class SecretRedactorTests
{
    private static readonly string[] FieldNames = ["access_token", "client_secret", "authorization", "x-api-key"];

    [Test]
    public async Task Credentials_of_the_request_and_its_body_are_masked()
    {
        var redactor = new SecretRedactor(["configured-key-1"], FieldNames);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.test/")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"user_id":1,"access_token":"user-token-99 "}""")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("drip-api-key:")));
        request.Headers.Add("x-api-key", "scout-secret");

        await redactor.AddRequestSecretsAsync(request, CancellationToken.None);
        var text = redactor.Redact("configured-key-1 user-token-99 drip-api-key scout-secret " + request.Headers.Authorization.Parameter);

        Assert.That(text, Is.EqualTo("*** *** *** *** ***"));
    }

    [Test]
    public void Secret_fields_of_form_bodies_are_masked()
    {
        var redactor = new SecretRedactor([], FieldNames);
        redactor.AddBodySecrets("grant_type=client_credentials&client_id=abc&client_secret=s%2Bcret");

        Assert.That(redactor.Redact("echo s+cret"), Is.EqualTo("echo ***"));
    }

    [Test]
    public void Very_short_values_are_not_treated_as_secrets()
    {
        var redactor = new SecretRedactor(["a", "ab"], FieldNames);

        Assert.That(redactor.Redact("a cab"), Is.EqualTo("a cab"));
    }
}
