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

    /// <summary>
    /// Creates the options with Drip's production address and its documented request budgets: 3,600 requests an hour
    /// per account, and 50 an hour for batch requests (https://developer.drip.com/#rate-limiting).
    /// </summary>
    public DripOptions()
    {
        BaseAddress = DefaultBaseAddress;
        RateLimit = ProviderRateLimitOptions.Of(3600, TimeSpan.FromHours(1));
    }

    /// <summary>
    /// The budget of Drip's batch endpoints (<c>PurchaseSdk:Drip:BatchRateLimit</c>): 50 requests an hour, counted apart
    /// from <see cref="PurchaseProviderOptions.RateLimit"/>.
    /// </summary>
    public ProviderRateLimitOptions BatchRateLimit { get; set; } = ProviderRateLimitOptions.Of(50, TimeSpan.FromHours(1));

    /// <inheritdoc />
    protected override ProviderRateLimitOptions? GetRateLimit(string bucket) =>
        bucket == DripHttpBehavior.BatchBucket ? BatchRateLimit : RateLimit;

    /// <summary>Your Drip account id (<c>PurchaseSdk:Drip:AccountId</c>), the first path segment. Required.</summary>
    public string? AccountId { get; set; }

    /// <summary>
    /// The API token of a private integration (<c>PurchaseSdk:Drip:ApiKey</c>), sent as HTTP Basic with the token as
    /// user name and an empty password. Set this or <see cref="AccessToken"/>.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>An OAuth access token of a public integration (<c>PurchaseSdk:Drip:AccessToken</c>), sent as Bearer. Drip's tokens do not expire.</summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// The endpoint a report records the purchase with (<c>PurchaseSdk:Drip:Api</c>): <see cref="DripOrderApi.Purchases"/>
    /// (v2, the default) or <see cref="DripOrderApi.ShopperActivity"/> (Drip's current order API, which upserts).
    /// </summary>
    public DripOrderApi Api { get; set; } = DripOrderApi.Purchases;

    /// <summary>
    /// Drip's <c>provider</c> of an order when <see cref="Purchase.Source"/> is empty (<c>PurchaseSdk:Drip:DefaultProvider</c>),
    /// in lower snake case (<c>my_store</c>). Used by <see cref="DripOrderApi.ShopperActivity"/>, where the provider is
    /// required and, with the order id, the key Drip upserts by: keep it stable. Default none (such a purchase is
    /// skipped).
    /// </summary>
    public string? DefaultProvider { get; set; }

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
    protected override IEnumerable<ProviderSecret> GetSecrets() => [new(nameof(ApiKey), ApiKey, SentInHeader: false), new(nameof(AccessToken), AccessToken, SentInHeader: true)];

    /// <inheritdoc />
    protected override void Validate(string sectionPath, IList<string> errors)
    {
        ValidateRateLimit(BatchRateLimit, sectionPath + ":BatchRateLimit", errors);
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

        if (!Enum.IsDefined(Api))
        {
            errors.Add($"{sectionPath}:Api must be {nameof(DripOrderApi.Purchases)} or {nameof(DripOrderApi.ShopperActivity)}.");
        }

        if (DefaultProvider is not null && string.IsNullOrWhiteSpace(DefaultProvider))
        {
            errors.Add($"{sectionPath}:DefaultProvider must not be blank: leave it unset, or name your platform in lower snake case (my_store).");
        }
    }
}
