using System.Globalization;

namespace PurchaseSdk.Samples.Console;

/// <summary>Prints a report as a table: provider, status, reference, attempts, elapsed.</summary>
internal static class OutcomeTable
{
    public static void Write(TextWriter output, PurchaseReport report)
    {
        output.WriteLine($"  {"Provider",-12} {"Status",-13} {"Reference",-38} {"Attempts",8} {"Elapsed",9}");
        output.WriteLine($"  {new string('-', 12)} {new string('-', 13)} {new string('-', 38)} {new string('-', 8)} {new string('-', 9)}");
        foreach (var outcome in report.Outcomes)
        {
            var reference = outcome.ProviderReference ?? "-";
            if (reference.Length > 38)
            {
                reference = reference[..35] + "...";
            }

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {outcome.Provider,-12} {outcome.Status,-13} {reference,-38} {outcome.Attempts,8} {outcome.Elapsed.TotalMilliseconds,7:0} ms"));
            if (outcome.Status != ProviderOutcomeStatus.Succeeded && outcome.Message is { } message)
            {
                output.WriteLine($"    └ {message}");
            }
        }
    }
}
