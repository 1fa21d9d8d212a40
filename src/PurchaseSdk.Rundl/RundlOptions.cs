using System.Text;
using PurchaseSdk.Http;

namespace PurchaseSdk.Rundl;

/// <summary>Rundl's environments (Rundl API reference, "Environments").</summary>
public enum RundlEnvironment
{
    /// <summary><c>https://go.rundl.com/api</c>.</summary>
    Live = 0,

    /// <summary><c>https://stage-go.rundl.com/api</c>.</summary>
    Staging = 1,
}

/// <summary>How the access token is written after <c>Authorization: OAuth</c>.</summary>
/// <remarks>
/// Rundl's documents disagree. The user-authentication page (current since January 2020) and most endpoint examples
/// send the token as is: <c>OAuth &lt;User-Access-Token&gt;</c>. The checkout page and the app-authentication page
/// say <c>OAuth &lt;Base64-Encoded-User-Access-Token&gt;</c>, and older examples were base64 of the token.
/// </remarks>
public enum RundlTokenEncoding
{
    /// <summary>The token as is, as Rundl's user-authentication page shows it.</summary>
    Plain = 0,

    /// <summary>
    /// The token base64-encoded (UTF-8), as Rundl's checkout page shows it
    /// (https://github.com/Rundl/slate/blob/master/source/includes/_checkouts.md: <c>Authorization: OAuth
    /// &lt;Base64-Encoded-User-Access-Token&gt;</c>). The default.
    /// </summary>
    Base64 = 1,
}

/// <summary>Rundl settings, bound from <c>PurchaseSdk:Rundl</c>.</summary>
public sealed class RundlOptions : PurchaseProviderOptions
{
    /// <summary>The configuration section name and provider name: <c>Rundl</c>.</summary>
    public const string ProviderName = "Rundl";

    /// <summary>Rundl's live API: <c>https://go.rundl.com/api</c>.</summary>
    public static Uri LiveAddress { get; } = new("https://go.rundl.com/api");

    /// <summary>Rundl's staging API: <c>https://stage-go.rundl.com/api</c>.</summary>
    public static Uri StagingAddress { get; } = new("https://stage-go.rundl.com/api");

    private Uri? _baseAddress;

    /// <summary>The user access token (<c>PurchaseSdk:Rundl:AccessToken</c>). Required.</summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// How the token is written in the <c>Authorization: OAuth</c> header. Default <see cref="RundlTokenEncoding.Base64"/>,
    /// as the checkout document shows; set <see cref="RundlTokenEncoding.Plain"/> if your Rundl account expects the token as is.
    /// </summary>
    public RundlTokenEncoding TokenEncoding { get; set; } = RundlTokenEncoding.Base64;

    /// <summary>Live (default) or staging; ignored when <see cref="BaseAddress"/> is set.</summary>
    public RundlEnvironment Environment { get; set; }

    /// <summary>The API address; by default the address of <see cref="Environment"/>.</summary>
    public override Uri? BaseAddress
    {
        get => _baseAddress ?? (Environment == RundlEnvironment.Staging ? StagingAddress : LiveAddress);
        set => _baseAddress = value;
    }

    /// <summary>The value of the <c>Authorization</c> header, or null without a token.</summary>
    internal string? AuthorizationHeader()
    {
        var token = AccessToken?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        return TokenEncoding == RundlTokenEncoding.Base64
            ? "OAuth " + Convert.ToBase64String(Encoding.UTF8.GetBytes(token))
            : "OAuth " + token;
    }

    /// <inheritdoc />
    protected override IEnumerable<ProviderSecret> GetSecrets() =>
        [new(nameof(AccessToken), AccessToken, SentInHeader: TokenEncoding == RundlTokenEncoding.Plain)];

    /// <inheritdoc />
    protected override void Validate(string sectionPath, IList<string> errors)
    {
        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            errors.Add($"{sectionPath}:AccessToken is required (RundlOptions.AccessToken): a Rundl user access token, sent as Authorization: OAuth <token>.");
        }

        if (!Enum.IsDefined(TokenEncoding))
        {
            errors.Add($"{sectionPath}:TokenEncoding must be Plain or Base64.");
        }

        if (!Enum.IsDefined(Environment))
        {
            errors.Add($"{sectionPath}:Environment must be Live or Staging.");
        }
    }
}
