using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures durable delivery inside <c>AddDelivery(d => ...)</c>: choose a store (<c>d.UseSqlite(...)</c>) and settings.</summary>
public interface IPurchaseDeliveryBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// The <c>PurchaseSdk:Delivery</c> section when the SDK was added with <c>AddPurchaseSdk(IConfiguration)</c>; null
    /// when settings bind from the application's <see cref="IConfiguration"/> at <c>PurchaseSdk:Delivery</c>.
    /// </summary>
    IConfiguration? Configuration { get; }
}

internal sealed class PurchaseDeliveryBuilder : IPurchaseDeliveryBuilder
{
    public PurchaseDeliveryBuilder(IServiceCollection services, IConfiguration? configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    public IServiceCollection Services { get; }

    public IConfiguration? Configuration { get; }
}
