using Microsoft.AspNetCore.Routing;
using PurchaseSdk.Delivery.Dashboard.Endpoints;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the PurchaseSdk delivery dashboard into an ASP.NET Core application.</summary>
public static class PurchaseDeliveryDashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the delivery dashboard at <paramref name="pattern"/>: the page at <c>{pattern}/</c>, its files under
    /// <c>{pattern}/assets/</c> and its JSON API under <c>{pattern}/api/</c>. Needs
    /// <c>builder.Services.AddPurchaseDeliveryDashboard()</c> and durable delivery (<c>AddDelivery(...)</c>).
    /// <para>
    /// Nothing is reachable without authorization. By default only requests from this machine are answered; to open
    /// it to your application's users, require a policy on the returned builder
    /// (<c>app.MapPurchaseDeliveryDashboard().RequireAuthorization("operations")</c>) or set
    /// <see cref="PurchaseSdk.Delivery.Dashboard.PurchaseDeliveryDashboardOptions.Authorize"/>.
    /// </para>
    /// </summary>
    /// <param name="endpoints">The application (or any endpoint route builder).</param>
    /// <param name="pattern">Where the dashboard lives. Default <c>/purchasesdk</c>.</param>
    /// <returns>A builder for the dashboard's endpoints, for conventions such as <c>RequireAuthorization</c>.</returns>
    /// <exception cref="InvalidOperationException">The dashboard's services or durable delivery were not added.</exception>
    public static IEndpointConventionBuilder MapPurchaseDeliveryDashboard(this IEndpointRouteBuilder endpoints, string pattern = "/purchasesdk")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        return DashboardEndpoints.Map(endpoints, pattern);
    }
}
