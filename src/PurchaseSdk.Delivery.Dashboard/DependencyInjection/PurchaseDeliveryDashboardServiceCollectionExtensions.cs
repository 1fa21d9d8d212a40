using Microsoft.Extensions.DependencyInjection.Extensions;
using PurchaseSdk.Delivery.Dashboard;
using PurchaseSdk.Delivery.Dashboard.Endpoints;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the services of the delivery dashboard: <c>builder.Services.AddPurchaseDeliveryDashboard()</c>, then
/// <c>app.MapPurchaseDeliveryDashboard("/purchasesdk")</c>.
/// </summary>
public static class PurchaseDeliveryDashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the dashboard's settings and ASP.NET Core anti-forgery (its actions are POSTs that carry a request token).
    /// Durable delivery itself (<c>AddPurchaseSdk(...).AddDelivery(...)</c>) must be added too.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Changes the settings, for example who may use the dashboard.</param>
    public static IServiceCollection AddPurchaseDeliveryDashboard(this IServiceCollection services, Action<PurchaseDeliveryDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAntiforgery();
        services.AddLogging();
        var options = services.AddOptions<PurchaseDeliveryDashboardOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DashboardMarker>();
        return services;
    }
}
