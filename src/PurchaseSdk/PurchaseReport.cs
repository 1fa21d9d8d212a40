namespace PurchaseSdk;

/// <summary>The result of <see cref="IPurchaseReporter.ReportAsync(Purchase, CancellationToken)"/>: one outcome per provider.</summary>
public sealed class PurchaseReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="orderId">The order id of the reported purchase.</param>
    /// <param name="outcomes">One outcome per provider.</param>
    public PurchaseReport(string orderId, IReadOnlyList<ProviderOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        ArgumentNullException.ThrowIfNull(outcomes);
        OrderId = orderId;
        Outcomes = outcomes;
    }

    /// <summary>The order id of the reported purchase.</summary>
    public string OrderId { get; }

    /// <summary>One outcome per registered provider, in registration order.</summary>
    public IReadOnlyList<ProviderOutcome> Outcomes { get; }

    /// <summary>
    /// True when no provider failed and none is indeterminate: every outcome is <see cref="ProviderOutcomeStatus.Succeeded"/>
    /// or <see cref="ProviderOutcomeStatus.Skipped"/>.
    /// </summary>
    public bool Succeeded
    {
        get
        {
            foreach (var outcome in Outcomes)
            {
                if (outcome.Status is ProviderOutcomeStatus.Failed or ProviderOutcomeStatus.Indeterminate)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Gets the outcome of <paramref name="provider"/>, or null when it was not part of the report.</summary>
    public ProviderOutcome? this[string provider]
    {
        get
        {
            foreach (var outcome in Outcomes)
            {
                if (string.Equals(outcome.Provider, provider, StringComparison.OrdinalIgnoreCase))
                {
                    return outcome;
                }
            }

            return null;
        }
    }

    /// <summary>Throws when <see cref="Succeeded"/> is false; returns this report otherwise.</summary>
    /// <exception cref="PurchaseReportException">A provider failed or its outcome is indeterminate.</exception>
    public PurchaseReport EnsureSuccess() => Succeeded ? this : throw new PurchaseReportException(this);

    /// <summary>Formats the report, one provider per line.</summary>
    public override string ToString() =>
        $"Purchase {OrderId}: " + string.Join("; ", Outcomes);
}
