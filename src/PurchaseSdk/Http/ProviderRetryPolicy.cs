using System.Net.Http;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace PurchaseSdk.Http;

/// <summary>
/// Decides, attempt by attempt, whether a provider call is retried and after how long (DESIGN.md §5): only what
/// is safe to repeat, never longer than the provider's <c>Retry-After</c> cap or the call's remaining time.
/// </summary>
internal sealed class ProviderRetryPolicy
{
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelayKey = new("PurchaseSdk.NextDelay");

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
        DelayGenerator = args => new ValueTask<TimeSpan?>(
            args.Context.Properties.TryGetValue(NextDelayKey, out var delay) ? delay : TimeSpan.Zero),
    };

    /// <summary>Whether a failure counts against the circuit breaker: the provider looks down, not picky.</summary>
    public static bool IsOutage(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: BrokenCircuitException or OperationCanceledException } => false,
        { Exception: { } } => true,
        { Result: { } response } => HttpFailureClassifier.Classify(response) is { } kind
            && kind != ProviderFailureKind.Permanent
            && response.StatusCode != System.Net.HttpStatusCode.TooManyRequests,
        _ => false,
    };

    internal bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attemptNumber, ResilienceContext context)
    {
        var request = context.GetRequestMessage();
        var state = ProviderRequestState.Get(request);

        ProviderFailureKind kind;
        TimeSpan? retryAfter = null;
        if (outcome.Exception is { } exception)
        {
            if (exception is BrokenCircuitException || (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
            {
                return false;
            }

            kind = HttpFailureClassifier.Classify(exception);
        }
        else if (outcome.Result is { } response && HttpFailureClassifier.Classify(response) is { } responseKind)
        {
            kind = responseKind;
            retryAfter = _behavior.GetRetryAfter(response, _time);
        }
        else
        {
            return false;
        }

        if (state is not null)
        {
            state.LastFailureKind = kind;
            state.LastRetryAfter = retryAfter;
        }

        if (kind == ProviderFailureKind.Permanent)
        {
            return false;
        }

        var repeatable = request is null || _behavior.IsSafeToRepeat(request) || _options.RetryUnsafeRequests;
        if (kind == ProviderFailureKind.MaybeProcessed && !repeatable)
        {
            return false;
        }

        if (retryAfter is { } asked && asked > _options.MaxRetryAfter)
        {
            return false;
        }

        var delay = retryAfter ?? Backoff(attemptNumber);
        if (state is not null && _time.GetUtcNow() + delay >= state.Deadline)
        {
            return false;
        }

        context.Properties.Set(NextDelayKey, delay);
        return true;
    }

    /// <summary>Exponential backoff from <see cref="ProviderResilienceOptions.BaseDelay"/>, ±25 % jitter, capped.</summary>
    internal TimeSpan Backoff(int attemptNumber)
    {
        var exponential = _options.BaseDelay.Ticks * Math.Pow(2, Math.Min(attemptNumber, 30));
        var jitterFactor = 0.75 + (Random.Shared.NextDouble() * 0.5);
        var ticks = Math.Min(exponential * jitterFactor, _options.MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
