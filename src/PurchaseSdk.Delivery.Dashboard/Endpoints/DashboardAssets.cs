using System.Security.Cryptography;

namespace PurchaseSdk.Delivery.Dashboard.Endpoints;

/// <summary>The page and its files, embedded in the assembly (no CDN, no build step), each with an ETag of its content.</summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "PurchaseSdk.Delivery.Dashboard.wwwroot.";

    private readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var name = resource[Prefix.Length..];
            var etag = "\"" + Convert.ToHexString(SHA256.HashData(content), 0, 12).ToLowerInvariant() + "\"";
            _assets[name] = new Asset(content, ContentType(name), etag);
        }
    }

    /// <summary>The file called <paramref name="name"/>; null for any other name (nothing else is served).</summary>
    public Asset? Get(string name) => _assets.GetValueOrDefault(name);

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    /// <summary>One embedded file.</summary>
    internal sealed record Asset(byte[] Content, string ContentType, string ETag);
}
