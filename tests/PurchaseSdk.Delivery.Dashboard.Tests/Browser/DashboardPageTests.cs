using Microsoft.Playwright;
using PurchaseSdk.Samples.Console;
using static Microsoft.Playwright.Assertions;

namespace PurchaseSdk.Delivery.Dashboard.Tests.Browser;

/// <summary>
/// The page in a real browser (headless Chromium) against a real Kestrel server on 127.0.0.1: what an operator sees
/// and clicks. The application's clock is fake; the page's own waits are Playwright's.
/// </summary>
[NonParallelizable]
public sealed class DashboardPageTests
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task LaunchAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    private async Task<IPage> OpenAsync(Uri address, string hash = "")
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { TimezoneId = "UTC", Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(address + "?refresh=0" + hash);
        return page;
    }

    [Test]
    public async Task The_overview_shows_the_counts_the_oldest_pending_age_and_draws_the_chart()
    {
        await using var host = await DashboardHost.StartAsync(new() { Kestrel = true });
        var page = await OpenAsync(host.Address);

        await Expect(page.Locator("[data-count=Pending]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-count=Succeeded]")).ToHaveTextAsync(Seeded.SucceededCount.ToString());
        await Expect(page.Locator("[data-count=Failed]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-count=Indeterminate]")).ToHaveTextAsync("1");
        await Expect(page.Locator("#oldest-pending .tile-count")).ToHaveTextAsync("25 min");
        await Expect(page.Locator("[data-cell='Kit:Failed']")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-cell='Drip:Succeeded']")).ToHaveTextAsync("4");
        await Expect(page.Locator("#user")).ToHaveTextAsync("local user (127.0.0.1)");

        var chart = page.Locator("#history-chart");
        await Expect(chart.Locator("g.bucket")).ToHaveCountAsync(24);
        await Expect(chart.Locator("rect.bar-succeeded")).ToHaveCountAsync(4);
        await Expect(chart.Locator("rect.bar-failed")).ToHaveCountAsync(1);
        await Expect(chart.Locator("rect.bar-indeterminate")).ToHaveCountAsync(1);
        var heights = await chart.Locator("rect.bar").EvaluateAllAsync<double[]>("bars => bars.map(b => b.getBBox().height)");
        Assert.That(heights, Has.All.GreaterThan(0), "every bar is drawn");
        var tallest = await chart.Locator("g.bucket[data-bucket='20'] rect.bar-succeeded").EvaluateAsync<double>("b => b.getBBox().height");
        var lowest = await chart.Locator("g.bucket[data-bucket='23'] rect.bar-succeeded").EvaluateAsync<double>("b => b.getBBox().height");
        Assert.That(tallest / lowest, Is.EqualTo(5.0 / 4).Within(0.01), "bars are to scale: 5 succeeded against 4");
        await Expect(page.Locator("[data-total=succeeded]")).ToHaveTextAsync(Seeded.SucceededCount.ToString());
        await Expect(page.Locator("[data-total=failed]")).ToHaveTextAsync("1");

        await Expect(page.Locator($"#attention tr[data-delivery='{host.Seeded.FailedKit}'] .error-text")).ToContainTextAsync("Kit answered 422");
    }

    [Test]
    public async Task A_redrive_from_the_page_makes_the_delivery_pending_and_the_worker_delivers_it()
    {
        await using var host = await DashboardHost.StartAsync(new() { Kestrel = true });
        var held = TimeSpan.FromMinutes(3);
        host.Sandbox.Kit.FailNext(1, SandboxFault.Slow(held));
        var kitHolding = host.Clock.WaitForTimerAsync(held);
        var page = await OpenAsync(host.Address, "#/deliveries?state=Failed");

        var row = page.Locator($"tr[data-delivery='{host.Seeded.FailedKit}']");
        await row.Locator("[data-action=redrive]").ClickAsync();

        await Expect(page.Locator("#toast")).ToContainTextAsync($"Delivery #{host.Seeded.FailedKit} (Kit, order ORD-2) re-driven: now Pending.");
        await Expect(row).ToHaveCountAsync(0);
        await page.Locator($"input#filter-order").FillAsync("ORD-2");
        await page.Locator("#filter-state").SelectOptionAsync("");
        await page.Locator("#filters button[type=submit]").ClickAsync();
        await page.Locator("[data-order-link='ORD-2']").First.ClickAsync();
        var kit = page.Locator("section.delivery[data-provider=Kit]");
        await Expect(kit).ToHaveAttributeAsync("data-state", "Pending");

        await kitHolding;
        var attempts = host.Attempts.Count;
        host.Clock.Advance(held);
        await host.Attempts.WaitForAsync(attempts + 1);
        await page.Locator("#refresh").ClickAsync();

        await Expect(kit).ToHaveAttributeAsync("data-state", "Succeeded");
        await Expect(kit.Locator("[data-fact=reference]")).Not.ToBeEmptyAsync();
        await Expect(kit.Locator("tr[data-attempt]")).ToHaveCountAsync(2);
        Assert.That(host.Logs.GetSnapshot().Select(r => r.Message), Has.Some.StartsWith($"local user (127.0.0.1) re-drove delivery {host.Seeded.FailedKit}"));
    }

    [Test]
    public async Task Sending_an_indeterminate_delivery_again_from_the_page_needs_the_confirmation_that_names_the_duplicate_risk()
    {
        await using var host = await DashboardHost.StartAsync(new() { Kestrel = true });
        var kitRecords = host.Sandbox.Kit.RecordCount;
        var page = await OpenAsync(host.Address, "#/order/ORD-3");
        var kit = page.Locator("section.delivery[data-provider=Kit]");
        await Expect(kit).ToHaveAttributeAsync("data-state", "Indeterminate");

        await kit.Locator("[data-action=resolve]").ClickAsync();

        await Expect(page.Locator("#dialog")).ToBeVisibleAsync();
        await Expect(page.Locator("#duplicate-warning")).ToHaveTextAsync("Sending again may create a duplicate purchase at Kit if it did record order ORD-3.");
        await Expect(page.Locator("#resend")).ToBeDisabledAsync();
        Assert.That(host.Sandbox.Kit.RecordCount, Is.EqualTo(kitRecords), "nothing sent before the confirmation");

        await page.Locator("#resend-confirm").CheckAsync();
        await Expect(page.Locator("#resend")).ToBeEnabledAsync();
        var attempts = host.Attempts.Count;
        await page.Locator("#resend").ClickAsync();

        await Expect(page.Locator("#toast")).ToContainTextAsync($"Delivery #{host.Seeded.IndeterminateKit} (Kit, order ORD-3) re-sent");
        await Expect(page.Locator("#dialog")).ToBeHiddenAsync();
        await host.Attempts.WaitForAsync(attempts + 1);
        await page.Locator("#refresh").ClickAsync();
        await Expect(kit).ToHaveAttributeAsync("data-state", "Succeeded");
        Assert.That(host.Sandbox.Kit.RecordCount, Is.EqualTo(kitRecords + 1));
    }

    /// <summary>
    /// The console sample's <c>--dashboard</c> serves the page with pending, failed and indeterminate deliveries. With
    /// UPDATE_SCREENSHOTS=1 this test writes the README's screenshot, docs/dashboard.png; otherwise it attaches it to the run.
    /// </summary>
    [Test]
    public async Task The_sample_serves_the_dashboard_with_something_to_look_at()
    {
        await using var dashboard = await DashboardSample.StartAsync(["--dashboard", "--urls", "http://127.0.0.1:0"], TextWriter.Null);
        var page = await OpenAsync(dashboard.Address);

        await Expect(page.Locator("[data-count=Pending]")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-count=Failed]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-count=Indeterminate]")).ToHaveTextAsync("2");
        await Expect(page.Locator("#history-chart g.bucket")).ToHaveCountAsync(24);
        await Expect(page.Locator("#attention tr[data-delivery]")).ToHaveCountAsync(3);

        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        var attached = Path.Combine(TestContext.CurrentContext.WorkDirectory, "dashboard.png");
        await File.WriteAllBytesAsync(attached, screenshot);
        TestContext.AddTestAttachment(attached, "The sample's dashboard");
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            await File.WriteAllBytesAsync(Path.Combine(RepositoryRoot(), "docs", "dashboard.png"), screenshot);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PurchaseSdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (PurchaseSdk.sln) was not found above " + AppContext.BaseDirectory);
    }
}
