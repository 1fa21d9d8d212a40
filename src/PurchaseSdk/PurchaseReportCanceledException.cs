namespace PurchaseSdk;

/// <summary>
/// Thrown by <see cref="IPurchaseReporter.ReportAsync(Purchase, PurchaseReportOptions, CancellationToken)"/> when the
/// caller's token cancels the report while providers were being called. It is an
/// <see cref="OperationCanceledException"/>, so code that handles cancellation keeps working; <see cref="Report"/>
/// also says, per provider, what the cancellation interrupted.
/// </summary>
/// <remarks>
/// In <see cref="Report"/>, a provider that finished before the cancellation has its real outcome. A provider whose
/// call was cut off is <see cref="ProviderOutcomeStatus.Indeterminate"/> when it may have recorded the purchase (a
/// create it accepted, or one written without a known answer): report it again later with
/// <see cref="PurchaseReportOptions.EarlierAttemptMayHaveLanded"/>, so that it is looked up before it is sent. It is
/// <see cref="ProviderOutcomeStatus.Failed"/>, not processed, when nothing can have been recorded: simply send it again.
/// </remarks>
public sealed class PurchaseReportCanceledException : OperationCanceledException
{
    internal PurchaseReportCanceledException(PurchaseReport report, CancellationToken cancellationToken)
        : base($"The report of order {report.OrderId} was cancelled by the caller. {Describe(report)}", cancellationToken)
    {
        Report = report;
    }

    /// <summary>Every selected provider's outcome: finished, or interrupted by the cancellation.</summary>
    public PurchaseReport Report { get; }

    private static string Describe(PurchaseReport report)
    {
        var interrupted = report.Outcomes.Where(static o => o.InterruptedByCaller).ToList();
        var mayHave = interrupted.Where(static o => o.Status == ProviderOutcomeStatus.Indeterminate).Select(static o => o.Provider).ToList();
        var nothing = interrupted.Where(static o => o.Status != ProviderOutcomeStatus.Indeterminate).Select(static o => o.Provider).ToList();
        var parts = new List<string>(2);
        if (mayHave.Count > 0)
        {
            parts.Add($"May have been recorded by: {string.Join(", ", mayHave)}.");
        }

        if (nothing.Count > 0)
        {
            parts.Add($"Not recorded by: {string.Join(", ", nothing)}.");
        }

        return string.Join(' ', parts);
    }
}
