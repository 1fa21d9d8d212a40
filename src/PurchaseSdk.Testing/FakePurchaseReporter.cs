using System.Collections.Concurrent;
using System.Globalization;

namespace PurchaseSdk.Testing;

/// <summary>
/// An in-memory <see cref="IPurchaseReporter"/> for your application's unit tests: it validates like the real
/// reporter, records every purchase, and returns the outcomes you set. No HTTP, no provider, no configuration.
/// </summary>
/// <example>
/// <code>
/// var reporter = new FakePurchaseReporter("Kit", "Drip").WithOutcome("Drip", ProviderOutcomeStatus.Failed, "Drip is down");
/// var checkout = new CheckoutService(reporter);        // your code
/// await checkout.CompleteAsync(order);
/// Assert.That(reporter.Purchases.Single().OrderId, Is.EqualTo(order.Id));
/// </code>
/// </example>
public sealed class FakePurchaseReporter : IPurchaseReporter
{
    private readonly ConcurrentQueue<Purchase> _purchases = new();
    private readonly ConcurrentDictionary<string, (ProviderOutcomeStatus Status, string? Message)> _outcomes = new(StringComparer.OrdinalIgnoreCase);
    private readonly string[] _providers;
    private int _count;

    /// <summary>Creates a fake that reports to <paramref name="providers"/> (default: one provider named <c>Fake</c>).</summary>
    public FakePurchaseReporter(params string[] providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = providers.Length == 0 ? ["Fake"] : providers;
    }

    /// <summary>Every purchase reported, in order.</summary>
    public IReadOnlyList<Purchase> Purchases => [.. _purchases];

    /// <summary>Whether purchases are validated like the real reporter does (invalid ones throw). Default true.</summary>
    public bool ValidatesPurchases { get; set; } = true;

    /// <summary>
    /// Computes the whole report yourself; when set, the outcomes of <see cref="WithOutcome"/> are not used.
    /// </summary>
    public Func<Purchase, PurchaseReport>? Respond { get; set; }

    /// <summary>Makes <paramref name="provider"/> end every report with <paramref name="status"/>.</summary>
    public FakePurchaseReporter WithOutcome(string provider, ProviderOutcomeStatus status, string? message = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        _outcomes[provider] = (status, message);
        return this;
    }

    /// <inheritdoc />
    public Task<PurchaseReport> ReportAsync(Purchase purchase, CancellationToken cancellationToken = default) =>
        ReportAsync(purchase, PurchaseReportOptions.AllProviders, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The fake sends nothing, so each provider's preview has no request and says so in its notes.</remarks>
    public Task<PurchasePreview> PreviewAsync(Purchase purchase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        cancellationToken.ThrowIfCancellationRequested();
        if (ValidatesPurchases)
        {
            PurchaseValidator.EnsureValid(purchase);
        }

        return Task.FromResult(new PurchasePreview(
            purchase.OrderId,
            [.. _providers.Select(static p => new ProviderPreview { Provider = p, Notes = ["FakePurchaseReporter sends nothing."] })]));
    }

    /// <inheritdoc />
    public Task<PurchaseReport> ReportAsync(Purchase purchase, PurchaseReportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(options);
        var providers = _providers;
        if (options.Providers is { } names)
        {
            var unknown = names.FirstOrDefault(n => !_providers.Contains(n, StringComparer.OrdinalIgnoreCase));
            if (unknown is not null)
            {
                throw new ArgumentException($"'{unknown}' is not a provider of this fake; it has: {string.Join(", ", _providers)}. Nothing was sent.", nameof(options));
            }

            providers = [.. _providers.Where(p => names.Contains(p, StringComparer.OrdinalIgnoreCase))];
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (ValidatesPurchases)
        {
            PurchaseValidator.EnsureValid(purchase);
        }

        _purchases.Enqueue(purchase);
        if (Respond is { } respond)
        {
            return Task.FromResult(respond(purchase));
        }

        var number = Interlocked.Increment(ref _count);
        var outcomes = new ProviderOutcome[providers.Length];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var provider = providers[i];
            var (status, message) = _outcomes.TryGetValue(provider, out var set) ? set : (ProviderOutcomeStatus.Succeeded, null);
            outcomes[i] = new ProviderOutcome
            {
                Provider = provider,
                Status = status,
                ProviderReference = status == ProviderOutcomeStatus.Succeeded ? string.Create(CultureInfo.InvariantCulture, $"fake-{provider.ToLowerInvariant()}-{number}") : null,
                Attempts = status == ProviderOutcomeStatus.Skipped ? 0 : 1,
                Message = message,
                Error = status is ProviderOutcomeStatus.Failed or ProviderOutcomeStatus.Indeterminate
                    ? new ProviderRequestException(provider, message ?? $"{provider} failed (fake).", status == ProviderOutcomeStatus.Failed ? ProviderFailureKind.Permanent : ProviderFailureKind.MaybeProcessed)
                    : null,
            };
        }

        return Task.FromResult(new PurchaseReport(purchase.OrderId, outcomes));
    }
}
