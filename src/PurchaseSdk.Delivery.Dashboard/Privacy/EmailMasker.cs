using System.Text.RegularExpressions;

namespace PurchaseSdk.Delivery.Dashboard.Privacy;

/// <summary>
/// Masks email addresses in free text (a provider's error message may quote the customer's address, a request path
/// may carry it percent-encoded): <c>john+test@example.com</c> and <c>john%2Btest%40example.com</c> both become
/// <c>j***@example.com</c>. The domain stays, so a reader still sees that an address was there. The local part is
/// read without <c>/ = ? &amp; #</c> (valid in an address, but they would swallow the path or query around it).
/// </summary>
internal static partial class EmailMasker
{
    [GeneratedRegex(@"(?<local>[A-Za-z0-9!$'*+^_`{|}~.%-]+)(?:@|%40)(?<domain>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Email();

    /// <summary>The text with every email address masked; null stays null.</summary>
    public static string? Mask(string? text)
    {
        if (string.IsNullOrEmpty(text) || (!text.Contains('@', StringComparison.Ordinal) && !text.Contains("%40", StringComparison.OrdinalIgnoreCase)))
        {
            return text;
        }

        try
        {
            return Email().Replace(text, static match => match.Groups["local"].Value[0] + "***@" + match.Groups["domain"].Value);
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological text: show none of it rather than risk an address.
            return "(hidden: the text could not be checked for email addresses)";
        }
    }
}
