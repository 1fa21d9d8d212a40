using WireMock.ResponseBuilders;

namespace PurchaseSdk.Tests.Support;

/// <summary>The answers a WireMock stub gives: a status, a body and the body's content type.</summary>
internal static class Respond
{
    /// <summary>A JSON answer.</summary>
    public static IResponseBuilder Json(int status, string body, string contentType = "application/json") =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);

    /// <summary>A JSON answer whose body is a seed document (Seeds/README.md says where each was copied from).</summary>
    public static IResponseBuilder Seed(int status, string seedFile, string contentType = "application/json") =>
        Json(status, Support.Seed.Read(seedFile), contentType);

    /// <summary>An answer that is not JSON: Kit's plain-text 429, a proxy's HTML page.</summary>
    public static IResponseBuilder Text(int status, string body, string contentType = "text/plain") =>
        Json(status, body, contentType);
}
