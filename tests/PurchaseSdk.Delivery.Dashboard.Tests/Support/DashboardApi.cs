using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PurchaseSdk.Delivery.Dashboard.Tests.Support;

/// <summary>Calls the dashboard's JSON endpoints as the page does: a session first (anti-forgery cookie and token), then GETs and POSTs.</summary>
internal static class DashboardApi
{
    /// <summary>Every GET endpoint of the dashboard (the page, a file, the JSON API).</summary>
    public static readonly string[] GetEndpoints =
    [
        "", "assets/dashboard.js", "api/session", "api/overview", "api/history", "api/deliveries", "api/deliveries/1", "api/order?orderId=ORD-1",
    ];

    /// <summary>Every action.</summary>
    public static readonly string[] Actions = ["redrive", "resolve", "resend", "cancel"];

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"GET {path}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>GET api/session; sets the client's header to the request token it issues.</summary>
    public static async Task<JsonNode> StartSessionAsync(this HttpClient client)
    {
        var session = await client.GetJsonAsync("api/session");
        client.DefaultRequestHeaders.Remove((string)session["headerName"]!);
        client.DefaultRequestHeaders.Add((string)session["headerName"]!, (string)session["requestToken"]!);
        return session;
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, long deliveryId, string action, object? body = null) =>
        client.PostAsync($"api/deliveries/{deliveryId}/{action}", JsonContent.Create(body ?? new { }));

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static string Compact(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
