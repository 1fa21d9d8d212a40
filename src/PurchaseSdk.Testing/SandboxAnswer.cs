using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace PurchaseSdk.Testing;

/// <summary>An answer of an emulated provider, turned into a WireMock response.</summary>
internal sealed class SandboxAnswer
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    private SandboxAnswer(int statusCode, string? body, string contentType)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
    }

    public int StatusCode { get; }

    public string? Body { get; }

    public string ContentType { get; }

    public static SandboxAnswer Json(int statusCode, JsonNode body) => new(statusCode, body.ToJsonString(), "application/json; charset=utf-8");

    public static SandboxAnswer Text(int statusCode, string body) => new(statusCode, body, "text/plain; charset=utf-8");

    public static SandboxAnswer Html(int statusCode, string body) => new(statusCode, body, "text/html; charset=utf-8");

    /// <summary>The same status and content type, with the body cut in half: no longer valid JSON.</summary>
    public SandboxAnswer Truncated() => new(StatusCode, Body is null ? "{" : Body[..(Body.Length / 2)], ContentType);

    public SandboxAnswer WithHeader(string name, string value)
    {
        _headers.Add(new(name, value));
        return this;
    }

    public SandboxAnswer WithRetryAfter(TimeSpan? retryAfter) =>
        retryAfter is { } wait ? WithHeader("Retry-After", ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)) : this;

    public IResponseMessage ToResponseMessage()
    {
        var message = new ResponseMessage { StatusCode = StatusCode };
        if (Body is not null)
        {
            message.BodyData = new BodyData
            {
                BodyAsString = Body,
                DetectedBodyType = BodyType.String,
                Encoding = Encoding.UTF8,
            };
            message.AddHeader("Content-Type", ContentType);
        }

        foreach (var (name, value) in _headers)
        {
            message.AddHeader(name, value);
        }

        return message;
    }
}
