using System.Text;
using NUnit.Framework.Constraints;

namespace PurchaseSdk.Tests.Drip;

/// <summary>What Drip's documents (seed 003 and DripEmail/api-docs) ask of every request.</summary>
internal static class DripStubs
{
    /// <summary>The application name of the documents' User-Agent example; Drip asks integrations to name themselves.</summary>
    public const string ApplicationName = "Your App Name (www.yourapp.com)";

    /// <summary>Sets <see cref="ApplicationName"/> as the SDK's application name.</summary>
    public static void NameTheApplication(IServiceCollection services) =>
        services.Configure<PurchaseSdkOptions>(o => o.ApplicationName = ApplicationName);

    /// <summary>Basic auth with the API key, plain JSON (not the JSON:API media type), the application named in the User-Agent.</summary>
    public static (string, IResolveConstraint)[] DocumentedHeaders =>
    [
        ("Authorization", Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(TestCredentials.DripKey + ":")))),
        ("Content-Type", Does.StartWith("application/json").And.Not.Contain("vnd.api")),
        ("User-Agent", Does.StartWith(ApplicationName + " PurchaseSdk/")),
    ];
}
