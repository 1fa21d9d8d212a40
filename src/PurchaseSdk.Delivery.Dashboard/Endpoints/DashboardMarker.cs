namespace PurchaseSdk.Delivery.Dashboard.Endpoints;

/// <summary>Registered by <c>AddPurchaseDeliveryDashboard()</c>, so mapping the dashboard without it fails with a clear message.</summary>
internal sealed class DashboardMarker
{
}
