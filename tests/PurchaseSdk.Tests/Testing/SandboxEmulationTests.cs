using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PurchaseSdk.Testing;

namespace PurchaseSdk.Tests.Testing;

/// <summary>
/// The sandbox's emulation checked against the seed documents with a plain HttpClient: each provider's documented
/// request is accepted, a malformed one is refused with the documented error shape, and a wrong credential gets the
/// provider's real refusal.
/// </summary>
public sealed class SandboxEmulationTests : SandboxTest
{
    private readonly HttpClient _http = new();

    [OneTimeTearDown]
    public void DisposeClient() => _http.Dispose();

    private async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> SendAsync(HttpMethod method, Uri url, string? json, Action<HttpRequestMessage> authenticate, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        authenticate(request);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return (response.StatusCode, body, text);
    }

    private Uri At(SandboxProvider provider, string path) => new(provider.Address + path);

    [Test]
    public async Task Kit_accepts_the_seed_purchase_refuses_a_blank_transaction_and_a_wrong_token()
    {
        void Bearer(HttpRequestMessage r) => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Sandbox.Credentials.KitAccessToken);
        // The seed's email is the documentation site's obfuscation placeholder ("[email protected]"), which Kit would refuse.
        var seed = Seed.Read("Kit/create-purchase.request.json").Replace("[email\u00A0protected]", "ada@example.com", StringComparison.Ordinal);

        var accepted = await SendAsync(HttpMethod.Post, At(Sandbox.Kit, "/v4/purchases"), seed, Bearer);
        var blank = await SendAsync(HttpMethod.Post, At(Sandbox.Kit, "/v4/purchases"), seed.Replace("796-92-4892", "", StringComparison.Ordinal), Bearer);
        var wrong = await SendAsync(HttpMethod.Post, At(Sandbox.Kit, "/v4/purchases"), seed, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nope"));

        Assert.Multiple(() =>
        {
            Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((long)accepted.Body!["purchase"]!["id"]!, Is.EqualTo(1336));
            Assert.That((string)accepted.Body["purchase"]!["transaction_id"]!, Is.EqualTo("796-92-4892"));
            Assert.That(blank.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(blank.Body!["errors"]![0]!.ToString(), Is.EqualTo("Transaction cannot be blank"));
            Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrong.Body!["errors"]![0]!.ToString(), Is.EqualTo("The access token is invalid"));
            Assert.That(Sandbox.Kit.RecordCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Scout_accepts_the_seed_checkout_for_its_user_and_refuses_missing_fields_and_wrong_keys()
    {
        void Key(HttpRequestMessage r) => r.Headers.Add("x-api-key", Sandbox.Credentials.ScoutApiKey);
        var seed = JsonNode.Parse(Seed.Read("Scout/ingest.request.json"))!;
        seed["access_token"] = Sandbox.Credentials.ScoutUserAccessToken;
        var missing = seed.DeepClone();
        missing.AsObject().Remove("size");

        var accepted = await SendAsync(HttpMethod.Post, At(Sandbox.Scout, "/ingest"), seed.ToJsonString(), Key);
        var refused = await SendAsync(HttpMethod.Post, At(Sandbox.Scout, "/ingest"), missing.ToJsonString(), Key);
        var wrong = await SendAsync(HttpMethod.Post, At(Sandbox.Scout, "/ingest"), seed.ToJsonString(), r => r.Headers.Add("x-api-key", "wrong"));

        Assert.Multiple(() =>
        {
            Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((bool)accepted.Body!["success"]!, Is.True);
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((bool)refused.Body!["success"]!, Is.False);
            Assert.That((string)refused.Body["message"]!, Does.Contain("size"));
            Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((string)wrong.Body!["message"]!, Is.EqualTo("Incorrect API key or incorrect access_token"));
        });
    }

    [Test]
    public async Task Rundl_accepts_the_seed_checkout_and_answers_with_a_WCF_date()
    {
        void OAuth(HttpRequestMessage r) => r.Headers.TryAddWithoutValidation("Authorization", "OAuth " + Sandbox.Credentials.RundlAccessToken);

        var accepted = await SendAsync(HttpMethod.Post, At(Sandbox.Rundl, "/api/checkouts?account=17357980"), Seed.Read("Rundl/create-checkout.request.json"), OAuth);
        var refused = await SendAsync(HttpMethod.Post, At(Sandbox.Rundl, "/api/checkouts?account=17357980"), """{"checkout":{"items":[]}}""", OAuth);
        var wrong = await SendAsync(HttpMethod.Post, At(Sandbox.Rundl, "/api/checkouts?account=17357980"), Seed.Read("Rundl/create-checkout.request.json"), _ => { });

        Assert.Multiple(() =>
        {
            Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string)accepted.Body!["created_date"]!, Does.Match(@"^/Date\(\d+\+0000\)/$"));
            Assert.That((long)accepted.Body["buyer"]!["id"]!, Is.EqualTo(17357980));
            Assert.That((long)accepted.Body["items"]![0]!["product"]!["id"]!, Is.EqualTo(30798131));
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task Drip_accepts_the_seed_purchase_and_refuses_a_missing_amount_and_the_vendor_media_type()
    {
        var credentials = Sandbox.Credentials;
        void Basic(HttpRequestMessage r) => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.DripApiKey + ":")));
        var url = At(Sandbox.Drip, $"/v2/{credentials.DripAccountId}/subscribers/john%2Btest%40example.com/purchases");
        var seed = Seed.Read("Drip/create-purchases.request.json");

        var accepted = await SendAsync(HttpMethod.Post, url, seed, Basic);
        var missing = await SendAsync(HttpMethod.Post, url, seed.Replace("\"amount\": 4900,\n      \"permalink\"", "\"permalink\"", StringComparison.Ordinal), Basic);
        var vendor = await SendAsync(HttpMethod.Post, url, seed, Basic, "application/vnd.api+json");
        var listed = await SendAsync(HttpMethod.Get, url, null, Basic);

        Assert.Multiple(() =>
        {
            Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(accepted.Text, Is.EqualTo("{}"));
            Assert.That(missing.Status, Is.EqualTo((HttpStatusCode)422));
            Assert.That((string)missing.Body!["errors"]![0]!["code"]!, Is.EqualTo("presence_error"));
            Assert.That((string)missing.Body["errors"]![0]!["attribute"]!, Is.EqualTo("amount"));
            Assert.That(vendor.Status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That((long)listed.Body!["meta"]!["total_count"]!, Is.EqualTo(1));
            Assert.That((string)listed.Body["purchases"]![0]!["order_id"]!, Is.EqualTo("123456"));
        });
    }

    [Test]
    public async Task Elastic_Path_issues_a_token_checks_out_the_seed_body_and_refuses_a_missing_contact()
    {
        var credentials = Sandbox.Credentials;
        var token = await SendAsync(HttpMethod.Post, At(Sandbox.ElasticPath, "/oauth/access_token"),
            $"grant_type=client_credentials&client_id={credentials.ElasticPathClientId}&client_secret={credentials.ElasticPathClientSecret}", _ => { }, "application/x-www-form-urlencoded");
        var bearer = (string)token.Body!["access_token"]!;
        void Bearer(HttpRequestMessage r) => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var seed = Seed.Read("ElasticPath/checkout-account.request.json");
        var noContact = JsonNode.Parse(seed)!;
        noContact["data"]!.AsObject().Remove("contact");

        var accepted = await SendAsync(HttpMethod.Post, At(Sandbox.ElasticPath, "/v2/carts/cart-1/checkout"), seed, Bearer);
        var refused = await SendAsync(HttpMethod.Post, At(Sandbox.ElasticPath, "/v2/carts/cart-1/checkout"), noContact.ToJsonString(), Bearer);
        var unauthenticated = await SendAsync(HttpMethod.Post, At(Sandbox.ElasticPath, "/v2/carts/cart-1/checkout"), seed, _ => { });
        var badSecret = await SendAsync(HttpMethod.Post, At(Sandbox.ElasticPath, "/oauth/access_token"),
            $"grant_type=client_credentials&client_id={credentials.ElasticPathClientId}&client_secret=wrong", _ => { }, "application/x-www-form-urlencoded");

        Assert.Multiple(() =>
        {
            Assert.That(token.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((long)token.Body["expires_in"]!, Is.EqualTo(3600));
            Assert.That((string)token.Body["token_type"]!, Is.EqualTo("Bearer"));
            Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((string)accepted.Body!["data"]!["type"]!, Is.EqualTo("order"));
            Assert.That((string)accepted.Body["data"]!["relationships"]!["account"]!["data"]!["id"]!, Is.EqualTo("8cee1b9e-3e39-4d5f-bd4a-86cdb985c6ee"));
            Assert.That(accepted.Body["included"]!["items"], Is.Not.Null);
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string)refused.Body!["errors"]![0]!["title"]!, Is.EqualTo("required"));
            Assert.That(unauthenticated.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((string)unauthenticated.Body!["errors"]![0]!["title"]!, Is.EqualTo("Unable to validate access token"));
            Assert.That(badSecret.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }
}
