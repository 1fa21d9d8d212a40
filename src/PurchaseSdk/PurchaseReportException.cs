namespace PurchaseSdk;

/// <summary>
/// Thrown by <see cref="PurchaseReport.EnsureSuccess"/> when at least one provider failed or its outcome is
/// indeterminate. <see cref="Report"/> holds every outcome.
/// </summary>
public sealed class PurchaseReportException : PurchaseSdkException
{
    /// <summary>Creates the exception for <paramref name="report"/>.</summary>
    public PurchaseReportException(PurchaseReport report)
        : base(BuildMessage(report), FirstError(report))
    {
        Report = report;
    }

    /// <summary>The report with every provider's outcome.</summary>
    public PurchaseReport Report { get; }

    private static string BuildMessage(PurchaseReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var parts = new List<string>();
        foreach (var outcome in report.Outcomes)
        {
            if (outcome.Status is ProviderOutcomeStatus.Failed or ProviderOutcomeStatus.Indeterminate)
            {
                parts.Add($"{outcome.Provider} {outcome.Status}: {outcome.Message}");
            }
        }

        return $"Purchase {report.OrderId} was not recorded by every provider. " + string.Join(" | ", parts);
    }

    private static Exception? FirstError(PurchaseReport report)
    {
        foreach (var outcome in report.Outcomes)
        {
            if (outcome.Error is not null)
            {
                return outcome.Error;
            }
        }

        return null;
    }
}
