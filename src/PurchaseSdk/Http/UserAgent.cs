using System.Runtime.InteropServices;
using System.Text;

namespace PurchaseSdk.Http;

/// <summary>
/// The User-Agent of every request: <c>[&lt;ApplicationName&gt; ]PurchaseSdk/&lt;version&gt; (&lt;framework&gt;; &lt;os&gt;)</c>.
/// </summary>
internal static class UserAgent
{
    private static readonly string SdkPart = BuildSdkPart();

    public static string Build(string? applicationName) =>
        string.IsNullOrWhiteSpace(applicationName) ? SdkPart : $"{applicationName.Trim()} {SdkPart}";

    private static string BuildSdkPart()
    {
        string platform;
        try
        {
            platform = $"{RuntimeInformation.FrameworkDescription}; {RuntimeInformation.OSDescription}";
        }
#pragma warning disable CA1031 // A platform probe must never stop a request (as Stripe does it).
        catch (Exception)
#pragma warning restore CA1031
        {
            platform = "unknown platform";
        }

        return $"PurchaseSdk/{PurchaseSdkTelemetry.Version} ({Sanitize(platform)})";
    }

    // A comment may not hold control characters or unbalanced parentheses; runs of spaces (Linux's OS description
    // has two, "Debian GNU/Linux 12  bookworm") become one.
    internal static string Sanitize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var safe = c is < ' ' or > '~' or '(' or ')' ? ' ' : c;
            if (safe != ' ' || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(safe);
            }
        }

        return builder.ToString().Trim();
    }
}
