namespace PurchaseSdk.Cli;

/// <summary>purchasesdk: preview, send, validate and backfill purchases, and operate durable deliveries, from a terminal.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => CliApp.RunProcessAsync(args);
}
