using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PurchaseSdk.Delivery.Storage;

namespace PurchaseSdk.Delivery.Diagnostics;

/// <summary>
/// Healthy while deliveries flow: Degraded when the oldest pending delivery waited longer than
/// <see cref="PurchaseDeliveryOptions.HealthDegradedAfter"/> or a delivery is parked as Indeterminate; Unhealthy past
/// <see cref="PurchaseDeliveryOptions.HealthUnhealthyAfter"/> or when the store cannot be read.
/// </summary>
internal sealed class PurchaseDeliveryHealthCheck : IHealthCheck
{
    private readonly IDeliveryStore _store;
    private readonly PurchaseDeliveryOptions _options;

    public PurchaseDeliveryHealthCheck(IDeliveryStore store, IOptions<PurchaseDeliveryOptions> options)
    {
        _store = store;
        _options = options.Value;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        DeliveryStatistics statistics;
        try
        {
            statistics = await _store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A store that cannot be read is the unhealthy answer, not an exception.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The delivery store cannot be read.", exception);
        }

        var pending = statistics.Count(DeliveryState.Pending);
        var parked = statistics.Count(DeliveryState.Indeterminate);
        var failed = statistics.Count(DeliveryState.Failed);
        var age = statistics.OldestPendingAge ?? TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["pending"] = pending,
            ["oldest_pending_age_seconds"] = Math.Round(age.TotalSeconds, 1),
            ["indeterminate"] = parked,
            ["failed"] = failed,
        };

        if (age > _options.HealthUnhealthyAfter)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, Describe("older than", _options.HealthUnhealthyAfter, age, pending), data: data);
        }

        if (age > _options.HealthDegradedAfter)
        {
            return HealthCheckResult.Degraded(Describe("older than", _options.HealthDegradedAfter, age, pending), data: data);
        }

        if (parked > 0 && _options.HealthDegradedWhenParked)
        {
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"{parked} delivery(ies) parked as Indeterminate wait for an administrator (IPurchaseDeliveryAdmin)."),
                data: data);
        }

        return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{pending} pending delivery(ies)."), data);
    }

    private static string Describe(string what, TimeSpan limit, TimeSpan age, long pending) =>
        string.Create(CultureInfo.InvariantCulture, $"The oldest of {pending} pending delivery(ies) has waited {age:g}, {what} {limit:g}.");
}
