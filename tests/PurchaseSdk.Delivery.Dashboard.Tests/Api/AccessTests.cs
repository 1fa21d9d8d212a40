using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PurchaseSdk.Delivery.Dashboard.Tests.Api;

/// <summary>Who may reach the dashboard: nothing without authorization; this machine only by default; a policy or a callback otherwise.</summary>
public sealed class AccessTests
{
    private const string Remote = "203.0.113.7";

    [Test]
    public async Task By_default_this_machine_gets_the_page_and_the_api_with_protective_headers()
    {
        await using var host = await DashboardHost.StartAsync(new() { Seed = false });
        using var client = host.CreateClient();

        using var page = await client.GetAsync("");
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("assets/dashboard.js").And.Not.Contain("http"), "everything comes from the package: no CDN, no absolute address");
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
        Assert.That(page.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));

        using var script = await client.GetAsync("assets/dashboard.js");
        Assert.That(script.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/javascript"));
        Assert.That((await client.GetAsync("assets/../PurchaseSdk.Delivery.Dashboard.dll")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await client.GetAsync("assets/index.html")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        using var bare = new HttpClient(host.App.GetTestServer().CreateHandler()) { BaseAddress = new Uri("http://localhost/") };
        using var redirect = await bare.GetAsync("purchasesdk");
        Assert.That((redirect.StatusCode, redirect.Headers.Location?.ToString()), Is.EqualTo((HttpStatusCode.Redirect, "/purchasesdk/")), "relative links need the slash");

        var session = await client.GetJsonAsync("api/session");
        Assert.That((string?)session["user"], Is.EqualTo("local user (127.0.0.1)"));
    }

    [Test]
    public async Task By_default_every_endpoint_refuses_another_machine_and_says_how_to_open_it()
    {
        await using var host = await DashboardHost.StartAsync(new() { Seed = false });
        using var client = host.CreateClient(remoteAddress: Remote);

        foreach (var path in DashboardApi.GetEndpoints)
        {
            using var response = await client.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "GET " + path);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("only answers requests from this machine").And.Contain("RequireAuthorization"));
        }

        foreach (var action in DashboardApi.Actions)
        {
            using var response = await client.ActAsync(1, action);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "POST " + action);
        }

        Assert.That(host.Logs.GetSnapshot().Where(r => r.Message.Contains("refused")).Select(r => r.Message), Has.Some.Contains(Remote));
    }

    [TestCase("X-Forwarded-For", "198.51.100.4", null, TestName = "A request a proxy forwarded is not local")]
    [TestCase(null, null, "attacker.example", TestName = "A request naming a foreign host (DNS rebinding) is not local")]
    public async Task Not_local(string? header, string? value, string? hostName)
    {
        await using var host = await DashboardHost.StartAsync(new() { Seed = false });
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/overview");
        if (header is not null)
        {
            request.Headers.Add(header, value);
        }

        if (hostName is not null)
        {
            request.Headers.Host = hostName;
        }

        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task With_a_policy_the_policy_decides_for_everyone_instead_of_the_address()
    {
        await using var host = await DashboardHost.StartAsync(new() { Seed = false, Authentication = true, Conventions = d => d.RequireAuthorization("ops") });

        using var operatorClient = host.CreateClient(remoteAddress: Remote, user: "grace", roles: "ops");
        Assert.That((await operatorClient.GetAsync("api/overview")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a user the policy accepts, from anywhere");
        Assert.That((string?)(await operatorClient.GetJsonAsync("api/session"))["user"], Is.EqualTo("grace"));

        using var anonymous = host.CreateClient(remoteAddress: Remote);
        Assert.That((await anonymous.GetAsync("api/overview")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var otherUser = host.CreateClient(remoteAddress: Remote, user: "mallory", roles: "sales");
        Assert.That((await otherUser.GetAsync("api/overview")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using var localAnonymous = host.CreateClient();
        Assert.That((await localAnonymous.GetAsync("")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the policy replaces the local-only rule");
    }

    [Test]
    public async Task AllowAnonymous_does_not_open_the_dashboard()
    {
        await using var host = await DashboardHost.StartAsync(new() { Seed = false, Authentication = true, Conventions = d => d.RequireAuthorization("ops").AllowAnonymous() });
        using var client = host.CreateClient(remoteAddress: Remote);
        Assert.That((await client.GetAsync("api/overview")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "back to this machine only");
    }

    [Test]
    public async Task An_Authorize_callback_decides_instead_of_the_address()
    {
        await using var host = await DashboardHost.StartAsync(new()
        {
            Seed = false,
            Authentication = true,
            Dashboard = o => o.Authorize = context => context.User.IsInRole("ops"),
        });

        using var operatorClient = host.CreateClient(remoteAddress: Remote, user: "grace", roles: "ops");
        Assert.That((await operatorClient.GetAsync("api/overview")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var anonymous = host.CreateClient();
        Assert.That((await anonymous.GetAsync("api/overview")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "even from this machine");
        using var otherUser = host.CreateClient(user: "mallory", roles: "sales");
        Assert.That((await otherUser.GetAsync("api/overview")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Mapping_the_dashboard_without_its_services_or_without_durable_delivery_says_what_to_add()
    {
        await using var sandbox = PurchaseSandbox.Start();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddPurchaseSdk().AddKit().UsePurchaseSandbox(sandbox).AddDelivery(d => d.UseSqlite("Data Source=:memory:"));
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        await using (var app = builder.Build())
        {
            Assert.That(() => app.MapPurchaseDeliveryDashboard(), Throws.InvalidOperationException.With.Message.Contains("AddPurchaseDeliveryDashboard()"));
        }

        var withoutDelivery = WebApplication.CreateSlimBuilder();
        withoutDelivery.WebHost.UseTestServer();
        withoutDelivery.Services.AddPurchaseDeliveryDashboard();
        await using var second = withoutDelivery.Build();
        Assert.That(() => second.MapPurchaseDeliveryDashboard(), Throws.InvalidOperationException.With.Message.Contains("AddDelivery"));
    }
}
