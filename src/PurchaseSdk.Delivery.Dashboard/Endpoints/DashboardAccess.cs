using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using PurchaseSdk.Delivery.Dashboard.Privacy;

namespace PurchaseSdk.Delivery.Dashboard.Endpoints;

/// <summary>
/// Who may use the dashboard. In order: the application's <see cref="PurchaseDeliveryDashboardOptions.Authorize"/>
/// callback when set; else an authorization policy on the dashboard's endpoints (<c>RequireAuthorization(...)</c>),
/// which ASP.NET Core's authorization middleware already enforced; else only this machine: the remote address is a
/// loopback address or this connection's own local address, the request names a local host (so a web page elsewhere
/// cannot reach it by DNS rebinding), and no proxy forwarded it.
/// </summary>
internal static class DashboardAccess
{
    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Real-IP"];

    /// <summary>Null when the request may proceed; otherwise the status code and the reason to show.</summary>
    public static (int Status, string Reason)? Check(HttpContext context, PurchaseDeliveryDashboardOptions options)
    {
        if (options.Authorize is { } authorize)
        {
            if (authorize(context))
            {
                return null;
            }

            return context.User.Identity?.IsAuthenticated == true
                ? (StatusCodes.Status403Forbidden, "The dashboard's Authorize callback refused this user.")
                : (StatusCodes.Status401Unauthorized, "Sign in first: the dashboard's Authorize callback refused an anonymous request.");
        }

        if (HasAuthorizationPolicy(context.GetEndpoint()))
        {
            return null;
        }

        return IsLocal(context, out var reason)
            ? null
            : (StatusCodes.Status403Forbidden,
                $"The PurchaseSdk delivery dashboard only answers requests from this machine by default ({reason}). " +
                "To open it to your application's users, require a policy: app.MapPurchaseDeliveryDashboard(\"/purchasesdk\").RequireAuthorization(\"your-policy\").");
    }

    /// <summary>
    /// True when the endpoint carries an authorization requirement (a policy name, policy object or requirement) and
    /// no <c>AllowAnonymous</c> that would switch it off.
    /// </summary>
    private static bool HasAuthorizationPolicy(Endpoint? endpoint)
    {
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return false;
        }

        return endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
            || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null
            || endpoint.Metadata.GetMetadata<IAuthorizationRequirementData>() is not null;
    }

    private static bool IsLocal(HttpContext context, out string reason)
    {
        var remote = Normalize(context.Connection.RemoteIpAddress);
        var local = Normalize(context.Connection.LocalIpAddress);
        if (remote is null)
        {
            reason = "the remote address is unknown";
            return false;
        }

        if (!IPAddress.IsLoopback(remote) && !remote.Equals(local))
        {
            reason = $"the request came from {remote}";
            return false;
        }

        foreach (var header in ForwardingHeaders)
        {
            if (context.Request.Headers.ContainsKey(header))
            {
                reason = $"a proxy forwarded it ({header}); configure forwarded headers so the client's address is seen, or require a policy";
                return false;
            }
        }

        if (!IsLocalHostName(context.Request.Host.Host, local))
        {
            reason = "the request names a host that is not this machine";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool IsLocalHostName(string? host, IPAddress? local)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var address))
        {
            address = Normalize(address)!;
            return IPAddress.IsLoopback(address) || address.Equals(local);
        }

        return bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || bare.Equals(Environment.MachineName, StringComparison.OrdinalIgnoreCase)
            || bare.Equals(MachineHostName.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static readonly Lazy<string> MachineHostName = new(static () =>
    {
        try
        {
            return Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return "localhost";
        }
    });

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    /// <summary>
    /// Who is acting, for the log and the page: the authenticated user's name (email addresses masked, so a log never
    /// holds one), else "local user (127.0.0.1)" or, when a callback let an anonymous remote request in, "anonymous user (address)".
    /// </summary>
    public static string Actor(HttpContext context)
    {
        if (context.User.Identity is { IsAuthenticated: true } identity)
        {
            return string.IsNullOrWhiteSpace(identity.Name) ? "an authenticated user without a name" : EmailMasker.Mask(identity.Name)!;
        }

        var remote = Normalize(context.Connection.RemoteIpAddress);
        var local = Normalize(context.Connection.LocalIpAddress);
        return remote is not null && (IPAddress.IsLoopback(remote) || remote.Equals(local))
            ? $"local user ({remote})"
            : $"anonymous user ({remote?.ToString() ?? "unknown address"})";
    }
}
