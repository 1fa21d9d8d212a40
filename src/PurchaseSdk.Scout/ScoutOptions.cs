using PurchaseSdk.Http;

namespace PurchaseSdk.Scout;

/// <summary>Scout settings, bound from <c>PurchaseSdk:Scout</c>.</summary>
public sealed class ScoutOptions : PurchaseProviderOptions
{
    /// <summary>The configuration section name and provider name: <c>Scout</c>.</summary>
    public const string ProviderName = "Scout";

    /// <summary>Scout's checkout ingest host: <c>https://ingest.scoutapp.ai</c>.</summary>
    public static Uri DefaultIngestAddress { get; } = new("https://ingest.scoutapp.ai");

    /// <summary>Scout's API host (OAuth helpers): <c>https://scoutapp.ai</c>.</summary>
    public static Uri DefaultApiAddress { get; } = new("https://scoutapp.ai");

    /// <summary>
    /// The currencies Scout accepts, lower-case (Scout API reference, "Acceptable currencies"). A purchase in another
    /// currency is skipped for Scout with a reason, and nothing is sent.
    /// </summary>
    public static IReadOnlyList<string> AcceptedCurrencies { get; } = ["usd", "eur", "gbp", "cad", "cny", "hkd", "aud", "dkk", "sek", "czk"];

    /// <summary>Creates the options with Scout's production hosts.</summary>
    public ScoutOptions()
    {
        BaseAddress = DefaultIngestAddress;
    }

    /// <summary>Your application's secret key (<c>PurchaseSdk:Scout:ApiKey</c>), sent as <c>x-api-key</c>. Required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API host of the OAuth helpers (<see cref="IScoutOAuthApi"/>). <see cref="PurchaseProviderOptions.BaseAddress"/> is the ingest host.</summary>
    public Uri? ApiAddress { get; set; } = DefaultApiAddress;

    /// <summary>
    /// The most checkouts one purchase may post (Scout takes one checkout per purchased unit). A purchase with more
    /// units is skipped for Scout with a reason rather than posted in part. Default 100.
    /// </summary>
    public int MaxCheckoutsPerPurchase { get; set; } = 100;

    /// <inheritdoc />
    protected override IEnumerable<ProviderSecret> GetSecrets() => [new(nameof(ApiKey), ApiKey, SentInHeader: true)];

    /// <inheritdoc />
    protected override void Validate(string sectionPath, IList<string> errors)
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            errors.Add($"{sectionPath}:ApiKey is required (ScoutOptions.ApiKey): your Scout application's secret key, sent as x-api-key.");
        }

        ValidateAddress(ApiAddress, sectionPath, "ApiAddress", errors);
        if (MaxCheckoutsPerPurchase < 1)
        {
            errors.Add($"{sectionPath}:MaxCheckoutsPerPurchase must be at least 1.");
        }
    }
}
