using System.Net;

namespace PurchaseSdk.Http;

/// <summary>
/// The handler closest to the socket. For every attempt it records the facts the classifier needs (was the request
/// written? what answered?), counts it in <see cref="ProviderOutcome.Attempts"/>, and reads the answer's body into
/// memory, bounded, inside the attempt: the attempt timeout, the call's deadline and the caller's cancellation all
/// cover a body that stalls or trickles.
/// </summary>
internal sealed partial class AttemptTrackingHandler : DelegatingHandler
{
    /// <summary>The largest success answer read (16 MiB); a provider's answers are a few kilobytes.</summary>
    internal const int MaxSuccessBodyBytes = 16 * 1024 * 1024;

    /// <summary>The part of an error answer kept (64 KiB); the rest is not read.</summary>
    internal const int MaxErrorBodyBytes = 64 * 1024;

    private readonly ProviderRateLimiter? _limiter;
    private readonly ProviderErrorFactory? _errors;

    public AttemptTrackingHandler(ProviderRateLimiter? limiter = null, ProviderErrorFactory? errors = null)
    {
        _limiter = limiter;
        _errors = errors;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (ProviderCallScope.Current?.Preview is { } preview && _errors is not null)
        {
            // A dry run: record the request as it would go out (secrets masked) and answer an empty success.
            preview.Record(await _errors.ToPreviewAsync(request, cancellationToken).ConfigureAwait(false));
            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = EmptyJsonObject() };
        }

        var state = ProviderRequestState.Get(request);
        if (state is null or { CountsAttempts: true })
        {
            ProviderCallScope.Current?.RecordAttempt();
        }

        var facts = state?.BeginAttempt();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Written, then no answer: the provider may have processed it. A request without a body cannot tell when it
            // was written, so only a failure to connect clears it.
            if (facts is { RequestWritten: true }
                || (state is not null && request.Content is null && HttpFailureClassifier.Classify(exception, facts: null) == ProviderFailureKind.MaybeProcessed))
            {
                state!.RecordUncertainAttempt();
            }

            throw;
        }

        if (facts is not null)
        {
            facts.StatusCode = response.StatusCode;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // The provider's own count wins over ours: when it says how long, nothing goes out before then.
            _limiter?.OnRefused(request, response);
        }

        try
        {
            if (response.IsSuccessStatusCode)
            {
                if (state is { SafeToRepeat: false })
                {
                    ProviderCallScope.Current?.RecordAcceptedCreate();
                }

                await BufferedBody.ReplaceAsync(response, MaxSuccessBodyBytes, truncate: false, cancellationToken).ConfigureAwait(false);
                BufferedBody.EnsureWellFormedJson(response);
            }
            else
            {
                if (state is not null && HttpFailureClassifier.Classify(response.StatusCode) == ProviderFailureKind.MaybeProcessed)
                {
                    state.RecordUncertainAttempt();
                }

                await BufferedBody.ReplaceAsync(response, MaxErrorBodyBytes, truncate: true, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (!response.IsSuccessStatusCode)
        {
            // The status arrived and decides; the body stalled or broke off and is lost.
            var headers = response.Content.Headers.ContentType;
            response.Content.Dispose();
            response.Content = new ByteArrayContent([]) { Headers = { ContentType = headers } };
            if (facts is not null)
            {
                facts.ErrorBodyLost = true;
            }
        }
        catch (Exception exception)
        {
            var status = response.StatusCode;
            var body = response.Content is ByteArrayContent read ? await read.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false) : null;
            response.Dispose();
            state?.RecordUncertainAttempt();

            if (exception is OperationCanceledException)
            {
                throw;
            }

            // A success answer whose body broke off or is too large: processed, but the answer is lost.
            throw new UnreadableAnswerException(status, body, exception);
        }

        return response;
    }
}

internal sealed partial class AttemptTrackingHandler
{
    private static ByteArrayContent EmptyJsonObject() =>
        new("{}"u8.ToArray()) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") } };
}

/// <summary>A success answer whose body could not be read to the end (broken off, or beyond the size bound).</summary>
internal sealed class UnreadableAnswerException : HttpRequestException
{
    public UnreadableAnswerException(HttpStatusCode statusCode, string? body, Exception innerException)
        : base($"The {(int)statusCode} answer's body could not be read: {innerException.Message}", innerException, statusCode) =>
        Body = body;

    /// <summary>What was read of the body, when it was read whole (for the redacted excerpt).</summary>
    public string? Body { get; }
}
