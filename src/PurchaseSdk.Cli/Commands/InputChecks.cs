using PurchaseSdk.Cli.Input;
using PurchaseSdk.Cli.Output;

namespace PurchaseSdk.Cli.Commands;

internal static class InputChecks
{
    /// <summary>Returns the purchase of a valid record; otherwise lists its problems on standard error and stops with exit code 3.</summary>
    public static Purchase EnsureValid(CliContext context, PurchaseRecord record, string consequence)
    {
        if (record.IsValid)
        {
            return record.Purchase!;
        }

        foreach (var problem in record.Problems)
        {
            Terminal.Line(context.Error, $"{record.Source}:{problem.Line}: {problem}");
        }

        throw new CliException(ExitCodes.InvalidInput, $"The purchase in {record.Source} is invalid ({Plural(record.Problems.Count, "problem")}); {consequence}.");
    }

    public static string Plural(long count, string noun, string? plural = null) =>
        count == 1 ? $"1 {noun}" : $"{Terminal.Count(count)} {plural ?? noun + "s"}";
}
