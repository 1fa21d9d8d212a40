using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Cli.Output;
using PurchaseSdk.Delivery;

namespace PurchaseSdk.Cli.Hosting;

/// <summary>
/// Waits while the session's worker delivers a set of orders, showing per provider how many are done. It looks at the
/// store again whenever the worker records an attempt (the <c>purchasesdk.delivery.attempts</c> counter of this session),
/// and at least once a second for deliveries that wait for their next attempt (a rate limit, a back-off).
/// </summary>
internal sealed class DeliveryWaiter : IDisposable
{
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);

    private readonly SdkSession _session;
    private readonly CliContext _context;
    private readonly MeterListener _listener = new();
    private TaskCompletionSource _attempted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DeliveryWaiter(SdkSession session, CliContext context)
    {
        _session = session;
        _context = context;
        var meters = session.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "purchasesdk.delivery.attempts" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, _, _) => Volatile.Read(ref _attempted).TrySetResult());
        _listener.Start();
    }

    /// <summary>
    /// Returns once no delivery of <paramref name="orders"/> to <paramref name="providers"/> is pending; false when
    /// <paramref name="timeout"/> passed first. Throws <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public async Task<bool> WaitAsync(ProgressView view, IReadOnlyCollection<string> orders, IReadOnlyList<string> providers, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var mine = orders as HashSet<string> ?? new HashSet<string>(orders, StringComparer.Ordinal);
        using var deadline = timeout is { } t ? new CancellationTokenSource(t, _context.Time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            while (true)
            {
                // A fresh signal before looking: an attempt recorded while looking ends the next wait at once.
                var attempted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _attempted, attempted);
                var (pending, nextAttempt) = await PendingAsync(mine, providers, linked.Token);
                var now = _context.Time.GetUtcNow();
                var waiting = nextAttempt is { } next && next > now + TimeSpan.FromSeconds(1)
                    ? "next attempt in " + Terminal.Duration(next - now)
                    : null;
                foreach (var provider in providers)
                {
                    view.Update($"Delivering to {provider}", mine.Count - pending.GetValueOrDefault(provider), mine.Count, pending.GetValueOrDefault(provider) > 0 ? waiting : null);
                }

                if (pending.Values.Sum() == 0)
                {
                    return true;
                }

                try
                {
                    await attempted.Task.WaitAsync(Fallback, _context.Time, linked.Token);
                }
                catch (TimeoutException)
                {
                    // Nothing recorded for a while: look again (a delivery may be due now).
                }

                await Task.Delay(Pace, _context.Time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
    }

    private async Task<(Dictionary<string, int> Pending, DateTimeOffset? NextAttempt)> PendingAsync(HashSet<string> orders, IReadOnlyList<string> providers, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<string, int>(StringComparer.Ordinal);
        DateTimeOffset? next = null;
        long? after = null;
        do
        {
            var page = await _session.Admin.ListAsync(new DeliveryQuery { Filter = new DeliveryFilter { State = DeliveryState.Pending }, PageSize = 1000, AfterId = after }, cancellationToken);
            foreach (var delivery in page.Items)
            {
                if (orders.Contains(delivery.OrderId) && providers.Contains(delivery.Provider))
                {
                    pending[delivery.Provider] = pending.GetValueOrDefault(delivery.Provider) + 1;
                    if (delivery.NextAttemptAt is { } at && (next is null || at < next))
                    {
                        next = at;
                    }
                }
            }

            after = page.NextAfterId;
        }
        while (after is not null);

        return (pending, next);
    }
}

/// <summary>Where a set of orders stands, per provider and state, with the deliveries that did not succeed.</summary>
internal sealed class OrderSummary
{
    public Dictionary<(string Provider, DeliveryState State), int> Counts { get; } = [];

    public List<DeliveryRecord> NotDelivered { get; } = [];

    public int Missing { get; private set; }

    public bool AllDelivered => NotDelivered.Count == 0 && Missing == 0;

    public static async Task<OrderSummary> ComputeAsync(IPurchaseDeliveryAdmin admin, IEnumerable<string> orders, IReadOnlyList<string> providers, CancellationToken cancellationToken)
    {
        var summary = new OrderSummary();
        foreach (var orderId in orders)
        {
            var order = await admin.GetOrderAsync(orderId, cancellationToken);
            if (order is null)
            {
                summary.Missing++;
                continue;
            }

            foreach (var delivery in order.Deliveries.Where(d => providers.Contains(d.Provider)))
            {
                var key = (delivery.Provider, delivery.State);
                summary.Counts[key] = summary.Counts.GetValueOrDefault(key) + 1;
                if (delivery.State is not (DeliveryState.Succeeded or DeliveryState.Skipped))
                {
                    summary.NotDelivered.Add(delivery);
                }
            }
        }

        return summary;
    }

    public int Count(string provider, DeliveryState state) => Counts.GetValueOrDefault((provider, state));
}
