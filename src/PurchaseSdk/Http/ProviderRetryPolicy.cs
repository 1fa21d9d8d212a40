using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;

namespace PurchaseSdk.Http;

/// <summary>
/// The one retry of a provider call, as Polly's own retry works: <see cref="ShouldRetry"/> only decides (from the
/// classification of the attempt, the request's safety to repeat, the provider's <c>Retry-After</c> and the call's
/// deadline); <see cref="NextDelay"/> computes the wait. Nothing passes from one to the other.
/// </summary>
internal sealed class ProviderRetryPolicy
{
    private readonly ProviderResilienceOptions _options;
    private readonly ProviderHttpBehavior _behavior;
    private readonly TimeProvider _time;

    public ProviderRetryPolicy(ProviderResilienceOptions options, ProviderHttpBehavior behavior, TimeProvider time)
    {
        _options = options;
        _behavior = behavior;
        _time = time;
    }

    public RetryStrategyOptions<HttpResponseMessage> ToStrategyOptions() => new()
    {
        MaxRetryAttempts = _options.MaxRetries,
        ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.AttemptNumber, args.Context)),
        DelayGenerator = args => new ValueTask<TimeSpan?>(NextDelay(args.Outcome, args.AttemptNumber)),
    };

    internal bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attemptNumber, ResilienceContext context)
    {
        // The request budget has already waited as long as it may (see ProviderRateLimiter): its refusal is final for
        // this call, and its RetryAfter goes to the caller (or the delivery worker) instead of being slept here.
        if (context.CancellationToken.IsCancellationRequested || outcome.Exception is BrokenCircuitException or OperationCanceledException or RateLimiterRejectedException)
        {
            return false;
        }

        var request = context.GetRequestMessage();
        var state = ProviderRequestState.Get(request);
        var kind = HttpFailureClassifier.Classify(outcome, state?.LastAttempt);
        switch (kind)
        {
            case null or ProviderFailureKind.Permanent:
                return false;
            case ProviderFailureKind.MaybeProcessed when !(state?.SafeToRepeat ?? false) && !_options.RetryUnsafeRequests:
                return false;
        }

        var asked = RetryAfter(outcome);
        if (asked > _options.MaxRetryAfter)
        {
            return false;
        }

        // Never start a wait that cannot end before the deadline: fail now, with the provider's RetryAfter.
        var shortestWait = asked ?? ShortestBackoff(attemptNumber);
        return state is null || _time.GetUtcNow() + shortestWait < state.Deadline;
    }

    internal TimeSpan NextDelay(Outcome<HttpResponseMessage> outcome, int attemptNumber) =>
        RetryAfter(outcome) ?? Backoff(attemptNumber);

    private TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => _behavior.GetRetryAfter(response, _time),
        { Exception: CredentialsUnavailableException credentials } => credentials.RetryAfter,
        { Exception: RateLimiterRejectedException rejected } => rejected.RetryAfter,
        _ => null,
    };

    /// <summary>Exponential backoff from <see cref="ProviderResilienceOptions.BaseDelay"/>, ±25 % jitter, capped at <see cref="ProviderResilienceOptions.MaxDelay"/>.</summary>
    internal TimeSpan Backoff(int attemptNumber) => Backoff(_options, attemptNumber, 0.75 + (Random.Shared.NextDouble() * 0.5));

    private TimeSpan ShortestBackoff(int attemptNumber) => Backoff(_options, attemptNumber, 0.75);

    internal static TimeSpan Backoff(ProviderResilienceOptions options, int attemptNumber, double jitterFactor)
    {
        var exponential = options.BaseDelay.Ticks * Math.Pow(2, Math.Min(attemptNumber, 30));
        var ticks = Math.Min(exponential * jitterFactor, options.MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
