using Microsoft.AspNetCore.Http;

namespace PurchaseSdk.Delivery.Dashboard;

/// <summary>
/// Settings of the delivery dashboard, given to <c>services.AddPurchaseDeliveryDashboard(o =&gt; ...)</c>.
/// </summary>
public sealed class PurchaseDeliveryDashboardOptions
{
    /// <summary>
    /// Decides who may use the dashboard, instead of the default. Return true to let the request through.
    /// <para>
    /// By default (null) the dashboard answers only requests from this machine (a loopback or local remote address,
    /// addressed to a local host name, not forwarded by a proxy), unless its endpoints carry an authorization policy
    /// (<c>app.MapPurchaseDeliveryDashboard().RequireAuthorization("ops")</c>), which then decides instead. When this
    /// callback is set it decides, after any such policy.
    /// </para>
    /// </summary>
    /// <example><c>o.Authorize = context =&gt; context.User.IsInRole("operations");</c></example>
    public Func<HttpContext, bool>? Authorize { get; set; }

    /// <summary>
    /// Shows customer email addresses where they appear (a provider's error message may quote one). Default false:
    /// every address is masked (<c>j***@example.com</c>) before it reaches the page or the JSON endpoints.
    /// </summary>
    public bool ShowCustomerEmails { get; set; }

    /// <summary>
    /// Shows everything and changes nothing: the page hides its buttons and every action is refused with 403.
    /// Default false.
    /// </summary>
    public bool ReadOnly { get; set; }
}
