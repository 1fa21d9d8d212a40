using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PurchaseSdk.Cli.Hosting;

/// <summary>The five packaged providers: their names, the keys that mean "configured", and how each is added.</summary>
internal static class Providers
{
    public static readonly string[] Names = ["Scout", "Rundl", "Kit", "Drip", "ElasticPath"];

    /// <summary>The canonical name of <paramref name="name"/> (any case), or null.</summary>
    public static string? Canonical(string name) =>
        Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase) || (n == "ElasticPath" && string.Equals(name, "elastic-path", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The providers whose required credential is set, in registration order.</summary>
    public static List<string> Configured(IConfiguration configuration)
    {
        var section = configuration.GetSection("PurchaseSdk");
        return [.. Names.Where(name => IsConfigured(section, name))];
    }

    public static string RequiredKeys(string provider) => provider switch
    {
        "Scout" => "PurchaseSdk:Scout:ApiKey",
        "Rundl" => "PurchaseSdk:Rundl:AccessToken",
        "Kit" => "PurchaseSdk:Kit:AccessToken",
        "Drip" => "PurchaseSdk:Drip:AccountId and PurchaseSdk:Drip:ApiKey (or AccessToken)",
        _ => "PurchaseSdk:ElasticPath:ClientId and ClientSecret",
    };

    public static void Add(IPurchaseSdkBuilder sdk, string provider)
    {
        _ = provider switch
        {
            "Scout" => sdk.AddScout(),
            "Rundl" => sdk.AddRundl(),
            "Kit" => sdk.AddKit(),
            "Drip" => sdk.AddDrip(),
            _ => sdk.AddElasticPath(),
        };
    }

    private static bool IsConfigured(IConfigurationSection section, string provider) => provider switch
    {
        "Scout" => Has(section, "Scout:ApiKey"),
        "Rundl" => Has(section, "Rundl:AccessToken"),
        "Kit" => Has(section, "Kit:AccessToken"),
        "Drip" => Has(section, "Drip:AccountId") || Has(section, "Drip:ApiKey") || Has(section, "Drip:AccessToken"),
        _ => Has(section, "ElasticPath:ClientId"),
    };

    private static bool Has(IConfigurationSection section, string key) => !string.IsNullOrWhiteSpace(section[key]);
}
