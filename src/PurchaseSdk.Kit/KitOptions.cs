using PurchaseSdk.Http;

namespace PurchaseSdk.Kit;

/// <summary>Kit settings, bound from <c>PurchaseSdk:Kit</c>.</summary>
public sealed class KitOptions : PurchaseProviderOptions
{
    /// <summary>The configuration section name and provider name: <c>Kit</c>.</summary>
    public const string ProviderName = "Kit";

    /// <summary>Kit's API address: <c>https://api.kit.com</c>.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://api.kit.com");

    /// <summary>
    /// Creates the options with Kit's production address and its documented request budget: 600 requests per 60 s per
    /// OAuth token (https://developers.kit.com/api-reference/rate-limits).
    /// </summary>
    public KitOptions()
    {
        BaseAddress = DefaultBaseAddress;
        RateLimit = ProviderRateLimitOptions.Of(600, TimeSpan.FromSeconds(60), perCredential: true);
    }

    /// <summary>
    /// The OAuth access token (<c>PurchaseSdk:Kit:AccessToken</c>). Required unless <see cref="RefreshAccessToken"/>
    /// supplies it: Kit's purchase endpoints accept OAuth only, not API keys.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// Called once when Kit answers <c>401 The access token expired</c>: return a fresh access token (for example from
    /// your OAuth refresh-token flow) and the request is repeated with it. Without it, the 401 fails the call.
    /// </summary>
    public Func<CancellationToken, Task<string>>? RefreshAccessToken { get; set; }

    /// <summary>The purchase status sent when <see cref="Purchase.Status"/> is not set. Default <c>paid</c>.</summary>
    public string DefaultStatus { get; set; } = "paid";

    /// <inheritdoc />
    protected override IEnumerable<ProviderSecret> GetSecrets() => [new(nameof(AccessToken), AccessToken, SentInHeader: true)];

    /// <inheritdoc />
    protected override void Validate(string sectionPath, IList<string> errors)
    {
        if (string.IsNullOrWhiteSpace(AccessToken) && RefreshAccessToken is null)
        {
            errors.Add($"{sectionPath}:AccessToken is required (KitOptions.AccessToken): Kit purchases accept an OAuth access token only, not an API key.");
        }

        if (string.IsNullOrWhiteSpace(DefaultStatus))
        {
            errors.Add($"{sectionPath}:DefaultStatus must not be empty.");
        }
    }
}
