using System.Net.Http;

namespace PurchaseSdk.Http;

/// <summary>
/// The outermost handler of a provider's pipeline: it starts the call's bookkeeping (the deadline the retry policy
/// respects) and turns every failure that survives the resilience pipeline (an error answer, a transport failure,
/// a timeout, an open circuit) into one <see cref="ProviderRequestException"/>.
/// </summary>
internal sealed class ProviderFailureHandler : DelegatingHandler
{
    private readonly ProviderErrorFactory _errors;
    private readonly ProviderHttpBehavior _behavior;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan> _totalTimeout;

    public ProviderFailureHandler(ProviderErrorFactory errors, ProviderHttpBehavior behavior, TimeProvider time, Func<TimeSpan> totalTimeout)
    {
        _errors = errors;
        _behavior = behavior;
        _time = time;
        _totalTimeout = totalTimeout;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(ProviderRequestState.Key, new ProviderRequestState(_time.GetUtcNow() + _totalTimeout()));

        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                // Buffered (and bounded): an answer that cannot be deserialized can still be quoted in the error, and a
                // hostile body cannot grow without limit.
#if NET9_0_OR_GREATER
                await response.Content.LoadIntoBufferAsync(MaxSuccessBodyBytes, cancellationToken).ConfigureAwait(false);
#else
                await response.Content.LoadIntoBufferAsync(MaxSuccessBodyBytes).ConfigureAwait(false);
#endif
                if (!await IsRefusalAsync(response, cancellationToken).ConfigureAwait(false))
                {
                    return response;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw;
        }
        catch (Exception exception) when (exception is not PurchaseSdkException)
        {
            // A transport failure, a timeout, an open circuit, or a success answer too large or broken to read.
            var kind = response is { IsSuccessStatusCode: true } ? ProviderFailureKind.MaybeProcessed : (ProviderFailureKind?)null;
            response?.Dispose();
            throw await _errors.FromExceptionAsync(request, exception, cancellationToken, kind).ConfigureAwait(false);
        }

        throw await _errors.FromResponseAsync(request, response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The largest success answer read (16 MiB); a provider's answers are a few kilobytes.</summary>
    internal const long MaxSuccessBodyBytes = 16 * 1024 * 1024;

    private ValueTask<bool> IsRefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        _behavior.InspectsSuccessAnswers ? _behavior.IsRefusalAsync(response, cancellationToken) : ValueTask.FromResult(false);
}
