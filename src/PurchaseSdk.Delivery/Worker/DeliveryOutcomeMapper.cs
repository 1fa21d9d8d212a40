using System.Globalization;
using PurchaseSdk.Delivery.Storage;

namespace PurchaseSdk.Delivery.Worker;

/// <summary>
/// The one rule from a provider outcome to a delivery's next state (README "Durable delivery"):
/// Succeeded/Skipped → done; Failed and transient (or an unexpected non-SDK error) → rescheduled at the provider's
/// Retry-After or by exponential backoff with jitter, until MaxAge → Failed; Failed and permanent → Failed (dead);
/// Indeterminate → parked, unless the provider says repeating is safe (it upserts), which is rescheduled.
/// </summary>
internal sealed class DeliveryOutcomeMapper
{
    private readonly PurchaseDeliveryOptions _options;
    private readonly Func<double> _jitter;

    public DeliveryOutcomeMapper(PurchaseDeliveryOptions options, Func<double>? jitter = null)
    {
        _options = options;
        _jitter = jitter ?? (static () => Random.Shared.NextDouble());
    }

    public DeliveryCompletion Map(ClaimedDelivery delivery, ProviderOutcome outcome)
    {
        switch (outcome.Status)
        {
            case ProviderOutcomeStatus.Succeeded:
                return Done(DeliveryState.Succeeded, DeliveryAttemptOutcome.Succeeded, outcome);
            case ProviderOutcomeStatus.Skipped:
                return Done(DeliveryState.Skipped, DeliveryAttemptOutcome.Skipped, outcome);
            case ProviderOutcomeStatus.Indeterminate:
                return outcome.Error is ProviderRequestException { IsSafeToRepeat: true } repeatable
                    ? Reschedule(delivery, outcome, repeatable.RetryAfter)
                    : Done(DeliveryState.Indeterminate, DeliveryAttemptOutcome.Indeterminate, outcome);
            default:
                return outcome.Error switch
                {
                    ProviderRequestException { IsTransient: true } transient => Reschedule(delivery, outcome, transient.RetryAfter),
                    ProviderRequestException => Done(DeliveryState.Failed, DeliveryAttemptOutcome.Failed, outcome),
                    PurchaseSdkException => Done(DeliveryState.Failed, DeliveryAttemptOutcome.Failed, outcome),
                    _ => Reschedule(delivery, outcome, null),
                };
        }
    }

    /// <summary>The wait before attempt <paramref name="nextAttempt"/>: base × 2^(n−2), capped, ±25 % jitter.</summary>
    public TimeSpan Backoff(int nextAttempt)
    {
        var exponent = Math.Clamp(nextAttempt - 2, 0, 30);
        var delay = Math.Min(_options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent), _options.RetryMaxDelay.TotalMilliseconds);
        var jittered = delay * (0.75 + (0.5 * _jitter()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.RetryMaxDelay.TotalMilliseconds));
    }

    /// <summary>Reschedules, or fails when the next attempt would come after MaxAge.</summary>
    public DeliveryCompletion Reschedule(ClaimedDelivery delivery, ProviderOutcome? outcome, TimeSpan? retryAfter, string? message = null)
    {
        var nextAttempt = delivery.Attempts + 2;
        var delay = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(nextAttempt);
        var age = delivery.ClaimedAt - delivery.PendingSince;
        message ??= outcome?.Message;
        if (age + delay > _options.MaxAge)
        {
            return new DeliveryCompletion
            {
                State = DeliveryState.Failed,
                Outcome = DeliveryAttemptOutcome.Failed,
                Message = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{message} Not delivered within MaxAge ({_options.MaxAge}): pending for {age:g}, the next attempt would be in {delay:g}; gave up."),
                ProviderAttempts = outcome?.Attempts ?? 0,
            };
        }

        return new DeliveryCompletion
        {
            State = DeliveryState.Pending,
            Outcome = DeliveryAttemptOutcome.Rescheduled,
            RetryAfter = delay,
            Message = message,
            ProviderAttempts = outcome?.Attempts ?? 0,
        };
    }

    private static DeliveryCompletion Done(DeliveryState state, DeliveryAttemptOutcome attempt, ProviderOutcome outcome) => new()
    {
        State = state,
        Outcome = attempt,
        ProviderReference = outcome.ProviderReference,
        Message = outcome.Message,
        ProviderAttempts = outcome.Attempts,
    };
}
