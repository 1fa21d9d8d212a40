namespace PurchaseSdk.Testing;

/// <summary>A request a sandbox provider received.</summary>
public sealed class SandboxRequest
{
    internal SandboxRequest(string method, string rawPath, IReadOnlyDictionary<string, string> query, IReadOnlyDictionary<string, string> headers, string? body, DateTimeOffset receivedAt)
    {
        Method = method;
        RawPath = rawPath;
        PathSegments = [.. rawPath.Trim('/').Split('/').Select(Uri.UnescapeDataString)];
        Path = "/" + string.Join('/', PathSegments);
        Query = query;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path below the provider's address, decoded (<c>/v4/purchases</c>).</summary>
    public string Path { get; }

    /// <summary>The path below the provider's address exactly as the client sent it (escapes kept).</summary>
    public string RawPath { get; }

    /// <summary>The path's segments, each decoded on its own, so an escaped <c>/</c> stays inside its segment.</summary>
    public IReadOnlyList<string> PathSegments { get; }

    /// <summary>The query parameters (first value of each).</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>The headers (first value of each), names case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as text.</summary>
    public string? Body { get; }

    /// <summary>When it arrived, on the sandbox's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Formats the request line.</summary>
    public override string ToString() => $"{Method} {Path}";
}
