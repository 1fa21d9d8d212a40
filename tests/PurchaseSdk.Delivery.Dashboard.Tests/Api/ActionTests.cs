using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace PurchaseSdk.Delivery.Dashboard.Tests.Api;

/// <summary>The actions: POSTs with the anti-forgery token, through the admin API, each logged with who did it.</summary>
public sealed class ActionTests
{
    [Test]
    public async Task An_action_without_a_valid_anti_forgery_token_is_refused_and_changes_nothing()
    {
        await using var host = await DashboardHost.StartAsync();
        var failed = host.Seeded.FailedKit;

        using var noSession = host.CreateClient();
        using var noToken = await noSession.ActAsync(failed, "redrive");
        Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)(await noToken.JsonAsync())["title"], Does.Contain("Anti-forgery"));

        using var cookieOnly = host.CreateClient();
        var session = await cookieOnly.GetJsonAsync("api/session");
        Assert.That((await cookieOnly.ActAsync(failed, "redrive")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the cookie alone is not enough");

        using var tokenOnly = host.CreateClient();
        tokenOnly.DefaultRequestHeaders.Add((string)session["headerName"]!, (string)session["requestToken"]!);
        Assert.That((await tokenOnly.ActAsync(failed, "redrive")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "another browser's token, without its cookie");

        foreach (var action in DashboardApi.Actions)
        {
            Assert.That((await noSession.ActAsync(host.Seeded.IndeterminateKit, action, new { acceptDuplicateRisk = true, providerReference = "x" })).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), action);
        }

        Assert.That((await host.Admin.GetAsync(failed))!.State, Is.EqualTo(DeliveryState.Failed));
        Assert.That((await host.Admin.GetAsync(host.Seeded.IndeterminateKit))!.State, Is.EqualTo(DeliveryState.Indeterminate));
        Assert.That(host.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message), Has.Some.EqualTo($"Dashboard action redrive on delivery {failed} by local user (127.0.0.1) refused: no valid anti-forgery token"));
    }

    [Test]
    public async Task A_redrive_makes_a_failed_delivery_pending_the_worker_delivers_it_and_the_log_says_who()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.CreateClient();
        await client.StartSessionAsync();
        var held = TimeSpan.FromMinutes(3);
        host.Sandbox.Kit.FailNext(1, SandboxFault.Slow(held));
        var kitHolding = host.Clock.WaitForTimerAsync(held);

        using var response = await client.ActAsync(host.Seeded.FailedKit, "redrive");
        var result = await response.JsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(((string?)result["result"], (string?)result["delivery"]!["state"]), Is.EqualTo(("Changed", "Pending")));
        Assert.That((string?)result["message"], Is.EqualTo($"Delivery #{host.Seeded.FailedKit} (Kit, order ORD-2) re-driven: now Pending."));
        Assert.That(host.Logs.GetSnapshot().Select(r => r.Message), Has.Some.EqualTo($"local user (127.0.0.1) re-drove delivery {host.Seeded.FailedKit} of order ORD-2 to Kit from the dashboard: Changed"));

        await kitHolding;
        var attempts = host.Attempts.Count;
        host.Clock.Advance(held);
        await host.Attempts.WaitForAsync(attempts + 1);
        var delivered = await client.GetJsonAsync($"api/deliveries/{host.Seeded.FailedKit}");
        Assert.That((string?)delivered["state"], Is.EqualTo("Succeeded"));
        Assert.That(delivered["history"]!.AsArray(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task An_action_in_the_wrong_state_or_on_no_delivery_is_refused_by_the_admin_api()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.CreateClient();
        await client.StartSessionAsync();

        using var succeeded = await client.ActAsync(host.Seeded.SucceededKit, "redrive");
        Assert.That(succeeded.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((string?)(await succeeded.JsonAsync())["result"], Is.EqualTo("NotAllowedInCurrentState"));
        using var missing = await client.ActAsync(424242, "cancel");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var notJson = await client.PostAsync($"api/deliveries/{host.Seeded.IndeterminateKit}/resolve", new StringContent("providerReference=x"));
        Assert.That(notJson.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test]
    public async Task Resolving_as_delivered_keeps_the_reference_an_authenticated_user_gave_and_logs_the_masked_user()
    {
        await using var host = await DashboardHost.StartAsync(new() { Authentication = true, Conventions = d => d.RequireAuthorization("ops") });
        using var client = host.CreateClient(remoteAddress: "203.0.113.7", user: "grace.hopper@example.com", roles: "ops");
        await client.StartSessionAsync();

        using var response = await client.ActAsync(host.Seeded.IndeterminateKit, "resolve", new { providerReference = " kit-4242 " });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var delivery = await host.Admin.GetAsync(host.Seeded.IndeterminateKit);
        Assert.That((delivery!.State, delivery.ProviderReference), Is.EqualTo((DeliveryState.Succeeded, "kit-4242")));
        var log = host.Logs.GetSnapshot().Select(r => r.Message).ToList();
        Assert.That(log, Has.Some.EqualTo($"g***@example.com resolved delivery {host.Seeded.IndeterminateKit} of order ORD-3 to Kit as delivered (reference kit-4242) from the dashboard: Changed"));
        Assert.That(log, Has.None.Contains("grace.hopper"), "no full email in the log");
    }

    [Test]
    public async Task Sending_an_indeterminate_delivery_again_needs_the_explicit_acceptance_of_a_duplicate()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.CreateClient();
        await client.StartSessionAsync();
        var kitRecords = host.Sandbox.Kit.RecordCount;

        foreach (var body in new object[] { new { }, new { acceptDuplicateRisk = false } })
        {
            using var refused = await client.ActAsync(host.Seeded.IndeterminateKit, "resend", body);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)(await refused.JsonAsync())["detail"], Does.Contain("duplicate"));
        }

        Assert.That((await host.Admin.GetAsync(host.Seeded.IndeterminateKit))!.State, Is.EqualTo(DeliveryState.Indeterminate));

        var attempts = host.Attempts.Count;
        using var accepted = await client.ActAsync(host.Seeded.IndeterminateKit, "resend", new { acceptDuplicateRisk = true });
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await host.Attempts.WaitForAsync(attempts + 1);
        Assert.That((await host.Admin.GetAsync(host.Seeded.IndeterminateKit))!.State, Is.EqualTo(DeliveryState.Succeeded));
        Assert.That(host.Sandbox.Kit.RecordCount, Is.EqualTo(kitRecords + 1), "sent again: Kit now holds ORD-3 twice, the risk that was accepted");
        Assert.That(host.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message), Has.Some.Contains("accepting the risk of a duplicate"));
    }

    [Test]
    public async Task Cancelling_a_pending_delivery_stops_it()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.CreateClient();
        await client.StartSessionAsync();

        using var response = await client.ActAsync(host.Seeded.PendingKit, "cancel");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)(await response.JsonAsync())["delivery"]!["state"], Is.EqualTo("Cancelled"));
        Assert.That(host.Logs.GetSnapshot().Select(r => r.Message), Has.Some.StartsWith($"local user (127.0.0.1) cancelled delivery {host.Seeded.PendingKit}"));
    }

    [Test]
    public async Task A_read_only_dashboard_offers_no_action_and_refuses_every_one()
    {
        await using var host = await DashboardHost.StartAsync(new() { Dashboard = o => o.ReadOnly = true });
        using var client = host.CreateClient();
        var session = await client.StartSessionAsync();

        Assert.That((bool)session["readOnly"]!, Is.True);
        var failed = await client.GetJsonAsync($"api/deliveries/{host.Seeded.FailedKit}");
        Assert.That(failed["actions"]!.AsArray(), Is.Empty);
        using var response = await client.ActAsync(host.Seeded.FailedKit, "redrive");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await host.Admin.GetAsync(host.Seeded.FailedKit))!.State, Is.EqualTo(DeliveryState.Failed));
    }
}
