using System.Text;
using PurchaseSdk.Http;

namespace PurchaseSdk.Drip;

/// <summary>Drip settings, bound from <c>PurchaseSdk:Drip</c>.</summary>
public sealed class DripOptions : PurchaseProviderOptions
{
    /// <summary>The configuration section name and provider name: <c>Drip</c>.</summary>
    public const string ProviderName = "Drip";

    /// <summary>Drip's API address: <c>https://api.getdrip.com</c>.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://api.getdrip.com");

    /// <summary>Creates the options with Drip's production address.</summary>
    public DripOptions() => BaseAddress = DefaultBaseAddress;

    /// <summary>Your Drip account id (<c>PurchaseSdk:Drip:AccountId</c>), the first path segment. Required.</summary>
    public string? AccountId { get; set; }

    /// <summary>
    /// The API token of a private integration (<c>PurchaseSdk:Drip:ApiKey</c>), sent as HTTP Basic with the token as
    /// user name and an empty password. Set this or <see cref="AccessToken"/>.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>An OAuth access token of a public integration (<c>PurchaseSdk:Drip:AccessToken</c>), sent as Bearer. Drip's tokens do not expire.</summary>
    public string? AccessToken { get; set; }

    internal string? AuthorizationHeader()
    {
        if (!string.IsNullOrWhiteSpace(AccessToken))
        {
            return "Bearer " + AccessToken.Trim();
        }

        return string.IsNullOrWhiteSpace(ApiKey)
            ? null
            : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey.Trim() + ":"));
    }

    /// <inheritdoc />
    protected override IEnumerable<string?> GetSecrets() => [ApiKey, AccessToken, AuthorizationHeader()];

    /// <inheritdoc />
    protected override void Validate(string sectionPath, IList<string> errors)
    {
        if (!PathSegment.IsValid(AccountId))
        {
            errors.Add($"{sectionPath}:AccountId is required (DripOptions.AccountId): your Drip account id.");
        }

        var hasKey = !string.IsNullOrWhiteSpace(ApiKey);
        var hasToken = !string.IsNullOrWhiteSpace(AccessToken);
        if (!hasKey && !hasToken)
        {
            errors.Add($"{sectionPath}:ApiKey (a private integration's API token) or {sectionPath}:AccessToken (an OAuth token) is required.");
        }
        else if (hasKey && hasToken)
        {
            errors.Add($"Set either {sectionPath}:ApiKey or {sectionPath}:AccessToken, not both.");
        }
    }
}
