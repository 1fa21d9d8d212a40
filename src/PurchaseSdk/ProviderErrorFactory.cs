using System.Globalization;
using System.Text;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using PurchaseSdk.Http;

namespace PurchaseSdk;

/// <summary>
/// Builds every <see cref="ProviderRequestException"/> of the shared pipeline, from an error answer, a transport
/// failure, a failed token request, an unreadable answer or the deadline, with secrets removed. One place, for every
/// provider; the classification comes from <see cref="HttpFailureClassifier"/> and the request's recorded facts.
/// </summary>
internal sealed class ProviderErrorFactory
{
    internal const int MaxBodyChars = 16 * 1024;
    internal const int ExcerptChars = 256;

    private readonly string _provider;
    private readonly ProviderHttpBehavior _behavior;
    private readonly TimeProvider _time;
    private readonly Func<IEnumerable<string?>> _configuredSecrets;

    public ProviderErrorFactory(string provider, ProviderHttpBehavior behavior, TimeProvider time, Func<IEnumerable<string?>> configuredSecrets)
    {
        _provider = provider;
        _behavior = behavior;
        _time = time;
        _configuredSecrets = configuredSecrets;
    }

    /// <summary>Builds the exception for an error answer (or a 200 refusal) and disposes it. Its body is in memory.</summary>
    public async Task<ProviderRequestException> FromResponseAsync(HttpRequestMessage request, ProviderRequestState state, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var body = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
            var redactor = await CreateRedactorAsync(request, body, cancellationToken).ConfigureAwait(false);
            var parsed = _behavior.ParseErrorBody(body);
            var messages = parsed.Messages.Select(redactor.Redact).ToArray();
            var kind = HttpFailureClassifier.Classify(response.StatusCode) ?? ProviderFailureKind.Permanent;
            var retryAfter = _behavior.GetRetryAfter(response, _time);
            var requestId = ReadRequestIdHeader(response) ?? parsed.RequestId;
            var details = new ProviderErrorDetails
            {
                Provider = _provider,
                StatusCode = response.StatusCode,
                ErrorCode = parsed.Code is null ? null : redactor.Redact(parsed.Code),
                Messages = messages,
                RequestId = requestId,
            };
            var excerpt = Excerpt(body, redactor);

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{_provider} answered {(int)response.StatusCode} ({response.ReasonPhrase ?? response.StatusCode.ToString()})");
            if (messages.Length > 0)
            {
                text.Append(": ").AppendJoin(" ", messages.Select(static m => m.EndsWith('.') ? m : m + "."));
            }
            else
            {
                text.Append('.');
                if (excerpt is not null)
                {
                    var mediaType = response.Content.Headers.ContentType?.MediaType ?? "unknown";
                    text.Append(CultureInfo.InvariantCulture, $" The {mediaType} body was not a recognised error: \"{excerpt}\".");
                }
            }

            if (details.ErrorCode is not null && !messages.Any(m => m.Contains(details.ErrorCode, StringComparison.Ordinal)))
            {
                text.Append(CultureInfo.InvariantCulture, $" Error code: {details.ErrorCode}.");
            }

            if (state.LastAttempt is { ErrorBodyLost: true })
            {
                text.Append(" Its body did not arrive in time.");
            }

            AppendCommon(text, kind, state.SafeToRepeat, retryAfter, requestId);
            if (_behavior.DescribeFailure(details) is { Length: > 0 } hint)
            {
                text.Append(' ').Append(hint);
            }

            return new ProviderRequestException(_provider, redactor.Redact(text.ToString()), kind)
            {
                StatusCode = response.StatusCode,
                ErrorCode = details.ErrorCode,
                ProviderMessages = messages,
                RequestId = requestId,
                RetryAfter = retryAfter,
                ResponseExcerpt = excerpt,
                IsSafeToRepeat = state.SafeToRepeat,
            };
        }
    }

    /// <summary>Builds the exception for a request that got no usable answer.</summary>
    public async Task<ProviderRequestException> FromExceptionAsync(HttpRequestMessage request, ProviderRequestState state, Exception exception, CancellationToken cancellationToken)
    {
        var body = (exception as UnreadableAnswerException)?.Body;
        if (body is { Length: > MaxBodyChars })
        {
            body = body[..MaxBodyChars];
        }

        var redactor = await CreateRedactorAsync(request, body, cancellationToken).ConfigureAwait(false);
        var kind = HttpFailureClassifier.Classify(exception, state.LastAttempt);
        TimeSpan? retryAfter = null;
        var authentication = false;
        System.Net.HttpStatusCode? status = null;
        string text;
        switch (exception)
        {
            case BrokenCircuitException broken:
                retryAfter = broken.RetryAfter;
                text = $"{_provider} has been failing repeatedly, so its circuit breaker is open and the request was not sent.";
                break;
            case RateLimiterRejectedException rejected:
                retryAfter = rejected.RetryAfter;
                text = $"{_provider}'s request budget (PurchaseSdk:{_provider}:RateLimit) has no permit soon enough, so the request was not sent.";
                break;
            case TimeoutRejectedException timeout:
                text = string.Create(CultureInfo.InvariantCulture, $"{_provider} did not answer in time (attempt timeout {timeout.Timeout.TotalSeconds:0.###} s){Sent(state)}.");
                break;
            case CredentialsUnavailableException credentials:
                authentication = true;
                retryAfter = credentials.RetryAfter;
                status = (credentials.InnerException as ProviderRequestException)?.StatusCode;
                text = $"{_provider} could not authenticate, so the request was not sent: {Describe(credentials.InnerException)}";
                break;
            case UnreadableAnswerException unreadable:
                status = unreadable.StatusCode;
                text = $"{_provider} answered {(int?)unreadable.StatusCode} but the answer could not be read: {unreadable.InnerException?.Message ?? unreadable.Message}";
                if (Excerpt(body, redactor) is { } shown)
                {
                    text += $" Body: \"{shown}\".";
                }

                break;
            default:
                text = kind == ProviderFailureKind.NotProcessed
                    ? $"{_provider} could not be reached, so the request was not sent: {exception.Message}"
                    : $"The call to {_provider} failed after the request was sent: {exception.Message}";
                break;
        }

        var builder = new StringBuilder(text);
        AppendCommon(builder, kind, state.SafeToRepeat, retryAfter, requestId: null);
        return new ProviderRequestException(_provider, redactor.Redact(builder.ToString()), kind, exception)
        {
            StatusCode = status,
            ResponseExcerpt = Excerpt(body, redactor),
            RetryAfter = retryAfter,
            IsSafeToRepeat = state.SafeToRepeat,
            IsAuthenticationFailure = authentication,
        };
    }

    /// <summary>Builds the exception for a request cut off by the provider call's deadline (<c>TotalTimeout</c>).</summary>
    public async Task<ProviderRequestException> DeadlineExceededAsync(HttpRequestMessage request, ProviderRequestState state, TimeSpan totalTimeout, Exception exception, CancellationToken cancellationToken)
    {
        var redactor = await CreateRedactorAsync(request, body: null, cancellationToken).ConfigureAwait(false);
        // An answer's status decides when one arrived; otherwise whether the request was written.
        var kind = state.HadUncertainAttempt ? ProviderFailureKind.MaybeProcessed
            : state.LastAttempt?.StatusCode is { } answered ? HttpFailureClassifier.Classify(answered) ?? ProviderFailureKind.MaybeProcessed
            : state.LastAttempt is { RequestWritten: true } ? ProviderFailureKind.MaybeProcessed
            : ProviderFailureKind.NotProcessed;
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{_provider} did not finish within its TotalTimeout of {totalTimeout.TotalSeconds:0.###} s{Sent(state)}"));
        if (state.LastAttempt?.StatusCode is { } last)
        {
            text.Append(CultureInfo.InvariantCulture, $"; the last answer was {(int)last}");
        }

        text.Append('.');
        AppendCommon(text, kind, state.SafeToRepeat, retryAfter: null, requestId: null);
        return new ProviderRequestException(_provider, redactor.Redact(text.ToString()), kind, exception)
        {
            IsSafeToRepeat = state.SafeToRepeat,
        };
    }

    /// <summary>Builds the exception for a success answer whose body could not be deserialized (malformed, empty or <c>null</c>).</summary>
    public async Task<ProviderRequestException> FromUnreadableBodyAsync(HttpResponseMessage response, Exception exception)
    {
        var state = ProviderRequestState.Get(response.RequestMessage);
        state?.RecordUncertainAttempt();
        var body = await ReadBodyAsync(response.Content, CancellationToken.None).ConfigureAwait(false);
        var redactor = await CreateRedactorAsync(response.RequestMessage, body, CancellationToken.None).ConfigureAwait(false);
        var excerpt = Excerpt(body, redactor);
        var safe = state?.SafeToRepeat ?? false;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{_provider} answered {(int)response.StatusCode} ({response.ReasonPhrase ?? response.StatusCode.ToString()}) but the answer could not be read: {exception.Message}");
        if (excerpt is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Body: \"{excerpt}\".");
        }

        AppendCommon(text, ProviderFailureKind.MaybeProcessed, safe, retryAfter: null, ReadRequestIdHeader(response));
        return new ProviderRequestException(_provider, redactor.Redact(text.ToString()), ProviderFailureKind.MaybeProcessed, exception)
        {
            StatusCode = response.StatusCode,
            ResponseExcerpt = excerpt,
            RequestId = ReadRequestIdHeader(response),
            IsSafeToRepeat = safe,
        };
    }

    /// <summary>
    /// Describes <paramref name="request"/> as it would go out, for a dry run: every header (request, content and
    /// <c>Host</c>) and the body, with credentials masked: secret headers keep only their scheme
    /// (<c>Authorization: Basic ***</c>), and every secret value is removed wherever it appears.
    /// </summary>
    public async Task<PreviewRequest> ToPreviewAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = request.Content is WriteTrackingContent tracked ? tracked.Inner : request.Content;
        var body = content is null ? null : await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var redactor = await CreateRedactorAsync(request, body, cancellationToken).ConfigureAwait(false);
        var secretHeaders = new HashSet<string>(_behavior.SecretFieldNames, StringComparer.OrdinalIgnoreCase);
        var url = request.RequestUri!;
        var headers = new List<KeyValuePair<string, string>> { new("Host", url.Authority) };
        var all = content is null ? request.Headers.NonValidated : request.Headers.NonValidated.Concat(content.Headers.NonValidated);
        foreach (var header in all)
        {
            // Joined as they go out on the wire (User-Agent's products by spaces, list values by commas).
            var value = header.Value.ToString();
            if (secretHeaders.Contains(header.Key))
            {
                var space = value.IndexOf(' ', StringComparison.Ordinal);
                headers.Add(new(header.Key, space > 0 ? value[..space] + " " + SecretRedactor.Mask : SecretRedactor.Mask));
            }
            else
            {
                headers.Add(new(header.Key, redactor.Redact(value)));
            }
        }

        if (content is not null && content.Headers.ContentLength is { } length && !headers.Any(static h => h.Key == "Content-Length"))
        {
            headers.Add(new("Content-Length", length.ToString(CultureInfo.InvariantCulture)));
        }

        return new PreviewRequest
        {
            Method = request.Method.Method,
            Url = new Uri(redactor.Redact(url.AbsoluteUri)),
            Headers = headers,
            Body = body is null ? null : redactor.Redact(body),
        };
    }

    private static string Sent(ProviderRequestState state) =>
        state.LastAttempt is { RequestWritten: true } ? " after the request was sent" : string.Empty;

    private static string Describe(Exception? exception) => exception switch
    {
        null => "no reason given.",
        ProviderRequestException provider => provider.Message,
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private static void AppendCommon(StringBuilder text, ProviderFailureKind kind, bool safeToRepeat, TimeSpan? retryAfter, string? requestId)
    {
        if (retryAfter is { } wait)
        {
            text.Append(CultureInfo.InvariantCulture, $" Retry after {wait.TotalSeconds:0.###} s.");
        }

        if (kind == ProviderFailureKind.MaybeProcessed)
        {
            text.Append(safeToRepeat ? " The request may have been processed; repeating it is safe." : " The request may have been processed.");
        }

        if (requestId is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Request id: {requestId}.");
        }
    }

    private async Task<SecretRedactor> CreateRedactorAsync(HttpRequestMessage? request, string? body, CancellationToken cancellationToken)
    {
        var redactor = new SecretRedactor(_configuredSecrets(), _behavior.SecretFieldNames);
        await redactor.AddRequestSecretsAsync(request, cancellationToken).ConfigureAwait(false);
        redactor.AddBodySecrets(body);
        return redactor;
    }

    private static string? Excerpt(string? body, SecretRedactor redactor)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var redacted = redactor.Redact(body.Trim());
        return redacted.Length <= ExcerptChars
            ? redacted
            : string.Concat(redacted.AsSpan(0, ExcerptChars), "…(truncated)");
    }

    private static string? ReadRequestIdHeader(HttpResponseMessage response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    if (!string.IsNullOrWhiteSpace(value))
                    {
                        return value;
                    }
                }
            }
        }

        return null;
    }

    private static readonly string[] RequestIdHeaders = ["X-Request-Id", "Request-Id", "X-Amzn-RequestId", "X-Correlation-Id"];

    /// <summary>Reads at most <see cref="MaxBodyChars"/> characters of an answer already in memory.</summary>
    private static async Task<string?> ReadBodyAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        try
        {
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length == 0)
            {
                return null;
            }

            var text = Encoding.UTF8.GetString(bytes);
            return text.Length <= MaxBodyChars ? text : text[..MaxBodyChars];
        }
        catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException or HttpRequestException or IOException)
        {
            // Not in memory and already consumed: the message goes without an excerpt.
            return null;
        }
    }
}
