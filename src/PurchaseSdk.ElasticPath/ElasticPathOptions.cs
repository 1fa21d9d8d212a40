using PurchaseSdk.Http;

namespace PurchaseSdk.ElasticPath;

/// <summary>The Elastic Path region a store lives in (Commerce Manager shows it with the API keys).</summary>
public enum ElasticPathRegion
{
    /// <summary>US East (Ohio): <c>https://useast.api.elasticpath.com</c>. The default, as in the documents.</summary>
    UsEast = 0,

    /// <summary>EU West (Ireland): <c>https://euwest.api.elasticpath.com</c>.</summary>
    EuWest = 1,
}

/// <summary>How the SDK gets its access token.</summary>
public enum ElasticPathGrantType
{
    /// <summary>Client id and secret: full access, for servers. The default; needed for account checkouts.</summary>
    ClientCredentials = 0,

    /// <summary>Client id only: a shopper's token; checkouts then need an account-management token.</summary>
    Implicit = 1,
}

/// <summary>Elastic Path settings, bound from <c>PurchaseSdk:ElasticPath</c>.</summary>
public sealed class ElasticPathOptions : PurchaseProviderOptions
{
    /// <summary>The configuration section name and provider name: <c>ElasticPath</c>.</summary>
    public const string ProviderName = "ElasticPath";

    /// <summary>The US East API: <c>https://useast.api.elasticpath.com</c>.</summary>
    public static Uri UsEastAddress { get; } = new("https://useast.api.elasticpath.com");

    /// <summary>The EU West API: <c>https://euwest.api.elasticpath.com</c>.</summary>
    public static Uri EuWestAddress { get; } = new("https://euwest.api.elasticpath.com");

    private Uri? _baseAddress;

    /// <summary>
    /// Creates the options with Elastic Path's documented request budget of a production store: 100 requests a second
    /// (a development store allows 25: set <c>PurchaseSdk:ElasticPath:RateLimit:PermitLimit</c> to 25 for one).
    /// </summary>
    public ElasticPathOptions() => RateLimit = ProviderRateLimitOptions.Of(100, TimeSpan.FromSeconds(1));

    /// <summary>The store's region; ignored when <see cref="BaseAddress"/> is set. Default <see cref="ElasticPathRegion.UsEast"/>.</summary>
    public ElasticPathRegion Region { get; set; }

    /// <summary>The API address; by default the address of <see cref="Region"/>.</summary>
    public override Uri? BaseAddress
    {
        get => _baseAddress ?? (Region == ElasticPathRegion.EuWest ? EuWestAddress : UsEastAddress);
        set => _baseAddress = value;
    }

    /// <summary>The grant type. Default <see cref="ElasticPathGrantType.ClientCredentials"/>.</summary>
    public ElasticPathGrantType GrantType { get; set; }

    /// <summary>The client id (<c>PurchaseSdk:ElasticPath:ClientId</c>). Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (<c>PurchaseSdk:ElasticPath:ClientSecret</c>). Required for client credentials.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How long before its expiry a token is renewed. Default 60 s.</summary>
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    protected override IEnumerable<ProviderSecret> GetSecrets() => [new(nameof(ClientSecret), ClientSecret, SentInHeader: false)];

    /// <inheritdoc />
    protected override void Validate(string sectionPath, IList<string> errors)
    {
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            errors.Add($"{sectionPath}:ClientId is required (ElasticPathOptions.ClientId).");
        }

        if (GrantType == ElasticPathGrantType.ClientCredentials && string.IsNullOrWhiteSpace(ClientSecret))
        {
            errors.Add($"{sectionPath}:ClientSecret is required with the client_credentials grant (ElasticPathOptions.ClientSecret); set {sectionPath}:GrantType to Implicit to use the client id alone.");
        }

        if (!Enum.IsDefined(GrantType) || !Enum.IsDefined(Region))
        {
            errors.Add($"{sectionPath}:GrantType must be ClientCredentials or Implicit, and {sectionPath}:Region UsEast or EuWest.");
        }

        if (TokenRenewalMargin < TimeSpan.Zero)
        {
            errors.Add($"{sectionPath}:TokenRenewalMargin must not be negative.");
        }
    }
}
