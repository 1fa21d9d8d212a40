namespace PurchaseSdk.Tests.Support;

/// <summary>
/// The one way a test reports a purchase: resolve the SDK's <see cref="IPurchaseReporter"/>, run the report under the
/// <see cref="TestClock"/> (short waits skipped, never slept), and read one provider's outcome.
/// </summary>
internal static class Reports
{
    /// <summary>Reports <paramref name="purchase"/> through <paramref name="sdk"/> under <paramref name="clock"/>.</summary>
    public static Task<PurchaseReport> ReportAsync(this IServiceProvider sdk, TestClock clock, Purchase purchase, CancellationToken cancellationToken = default) =>
        clock.RunAsync(sdk.GetRequiredService<IPurchaseReporter>().ReportAsync(purchase, cancellationToken));

    /// <summary>Reports <paramref name="purchase"/> through <paramref name="sdk"/> under <paramref name="clock"/>: the outcome of <paramref name="provider"/>.</summary>
    public static async Task<ProviderOutcome> ReportAsync(this IServiceProvider sdk, TestClock clock, Purchase purchase, string provider) =>
        (await sdk.ReportAsync(clock, purchase)).Of(provider);

    /// <summary>Builds an SDK, reports <paramref name="purchase"/> through it under <paramref name="clock"/> and disposes it: the outcome of <paramref name="provider"/>.</summary>
    public static async Task<ProviderOutcome> ReportAsync(this TestClock clock, Func<ServiceProvider> build, Purchase purchase, string provider)
    {
        await using var sdk = build();
        return await sdk.ReportAsync(clock, purchase, provider);
    }

    /// <summary>The outcome of <paramref name="provider"/>; a report without one fails the test.</summary>
    public static ProviderOutcome Of(this PurchaseReport report, string provider) =>
        report[provider] ?? throw new AssertionException($"The report has no outcome for {provider}: {report}");
}
