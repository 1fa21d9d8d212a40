using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>AddPurchaseSdk(...)</c>; each provider package adds itself to it
/// (<c>.AddKit().AddScout()...</c>).
/// </summary>
public interface IPurchaseSdkBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// The <c>PurchaseSdk</c> configuration section passed to <c>AddPurchaseSdk(IConfiguration)</c>, or null when
    /// options bind from the application's <see cref="IConfiguration"/> at its <c>PurchaseSdk</c> section.
    /// </summary>
    IConfiguration? Configuration { get; }
}
