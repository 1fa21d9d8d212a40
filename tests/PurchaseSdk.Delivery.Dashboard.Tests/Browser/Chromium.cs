using Microsoft.Playwright;

namespace PurchaseSdk.Delivery.Dashboard.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download: the executable is the system's). Under CI=true a
/// browser that cannot start fails the tests with the reason; elsewhere they are inconclusive with it, never skipped silently.
/// </summary>
internal static class Chromium
{
    /// <summary>The browser: CHROMIUM_PATH when set, else Debian's /usr/bin/chromium (<c>apt-get install chromium</c>).</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Unavailable($"Chromium is not installed at {ExecutablePath} (apt-get install -y chromium, or set CHROMIUM_PATH).");
        }

        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Timeout = 60_000 });
            return (playwright, browser);
        }
        catch (PlaywrightException exception)
        {
            playwright?.Dispose();
            Unavailable($"Chromium at {ExecutablePath} could not be started by Playwright: {exception.Message}");
            throw;
        }
    }

    private static void Unavailable(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("The browser tests must run in CI. " + reason);
        }

        Assert.Inconclusive("Browser tests not run: " + reason);
    }
}
