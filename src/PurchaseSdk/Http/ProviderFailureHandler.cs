namespace PurchaseSdk.Http;

/// <summary>
/// The outermost handler of a provider's pipeline. It gives the request its facts (<see cref="ProviderRequestState"/>)
/// and its deadline: the provider call's one deadline when the reporter opened a call (see
/// <see cref="ProviderCallScope"/>), else the request's own <c>TotalTimeout</c> (a typed client used directly). It
/// turns every failure that survives the resilience pipeline (an error answer, a transport failure, a timeout, an
/// open circuit, a failed token request, the deadline) into one <see cref="ProviderRequestException"/>.
/// </summary>
internal sealed class ProviderFailureHandler : DelegatingHandler
{
    private readonly ProviderErrorFactory _errors;
    private readonly ProviderHttpBehavior _behavior;
    private readonly TimeProvider _time;
    private readonly Func<ProviderResilienceOptions> _resilience;
    private readonly ProviderClientRole _role;

    public ProviderFailureHandler(ProviderErrorFactory errors, ProviderHttpBehavior behavior, TimeProvider time, Func<ProviderResilienceOptions> resilience, ProviderClientRole role)
    {
        _errors = errors;
        _behavior = behavior;
        _time = time;
        _resilience = resilience;
        _role = role;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var scope = ProviderCallScope.Current;
        var totalTimeout = _resilience().TotalTimeout;
        using var own = scope?.Deadline is null ? new CancellationTokenSource(totalTimeout, _time) : null;
        var deadlineToken = own?.Token ?? scope!.Token;

        // The provider usually passes the scope's own token (it carries the deadline already): then nothing to link.
        using var linked = cancellationToken == deadlineToken ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadlineToken);
        var token = linked?.Token ?? deadlineToken;
        var deadline = scope?.Deadline ?? _time.GetUtcNow() + totalTimeout;
        var tokenEndpoint = _role == ProviderClientRole.TokenEndpoint;
        var state = new ProviderRequestState(deadline, safeToRepeat: tokenEndpoint || _behavior.IsSafeToRepeat(request), countsAttempts: !tokenEndpoint);
        request.Options.Set(ProviderRequestState.Key, state);
        if (request.Content is { } body and not WriteTrackingContent)
        {
            request.Content = new WriteTrackingContent(body, state);
        }

        // The caller's own cancellation wins; the deadline is the scope's (it knows the caller's token) or our own.
        bool DeadlinePassed() => scope is { DeadlineReached: true }
            || (own is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested);

        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, token).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested && !DeadlinePassed())
            {
                // The caller cancelled while the answer came in: the caller's cancellation wins.
                throw new OperationCanceledException(cancellationToken);
            }

            if (response.IsSuccessStatusCode && !await IsRefusalAsync(response, token).ConfigureAwait(false))
            {
                return response;
            }
        }
        catch (OperationCanceledException exception) when (DeadlinePassed())
        {
            response?.Dispose();
            throw await _errors.DeadlineExceededAsync(request, state, scope?.TotalTimeout ?? totalTimeout, exception, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw;
        }
        catch (Exception exception) when (exception is not PurchaseSdkException)
        {
            // A transport failure, a timeout, an open circuit, a failed token request, or a success answer too large
            // or broken to read.
            response?.Dispose();
            throw await _errors.FromExceptionAsync(request, state, exception, cancellationToken).ConfigureAwait(false);
        }

        throw await _errors.FromResponseAsync(request, state, response, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<bool> IsRefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        _behavior.InspectsSuccessAnswers ? _behavior.IsRefusalAsync(response, cancellationToken) : ValueTask.FromResult(false);
}
