using System.Globalization;
using System.Net.Http;
using System.Text;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PurchaseSdk.Http;

namespace PurchaseSdk;

/// <summary>
/// Builds every <see cref="ProviderRequestException"/> of the shared pipeline, from an error answer, a transport
/// failure or an unreadable body, with secrets removed. One place, for every provider.
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

    /// <summary>Builds the exception for an error answer and disposes it.</summary>
    public async Task<ProviderRequestException> FromResponseAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            var redactor = await CreateRedactorAsync(request, body, cancellationToken).ConfigureAwait(false);
            var parsed = ProviderErrorBodyParser.Parse(body);
            var messages = parsed.Messages.Select(redactor.Redact).ToArray();
            var kind = HttpFailureClassifier.Classify(response) ?? ProviderFailureKind.Permanent;
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

            AppendCommon(text, kind, retryAfter, requestId);
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
            };
        }
    }

    /// <summary>Builds the exception for a call that got no usable answer.</summary>
    /// <param name="request">The request.</param>
    /// <param name="exception">What went wrong.</param>
    /// <param name="cancellationToken">Cancels reading the request's secrets.</param>
    /// <param name="knownKind">The classification when the caller knows it (a success answer that could not be read).</param>
    public async Task<ProviderRequestException> FromExceptionAsync(HttpRequestMessage request, Exception exception, CancellationToken cancellationToken, ProviderFailureKind? knownKind = null)
    {
        var state = ProviderRequestState.Get(request);
        var redactor = await CreateRedactorAsync(request, body: null, cancellationToken).ConfigureAwait(false);
        ProviderFailureKind kind;
        TimeSpan? retryAfter = null;
        string text;
        switch (exception)
        {
            case BrokenCircuitException broken:
                kind = ProviderFailureKind.NotProcessed;
                retryAfter = broken.RetryAfter;
                text = $"{_provider} has been failing repeatedly, so its circuit breaker is open and the request was not sent.";
                break;
            case TimeoutRejectedException timeout:
                // The total timeout may fire while waiting between attempts (nothing on the wire) or mid-attempt.
                kind = state is { InFlight: false, LastFailureKind: { } last } ? last : ProviderFailureKind.MaybeProcessed;
                text = string.Create(CultureInfo.InvariantCulture, $"{_provider} did not answer in time (timeout {timeout.Timeout.TotalSeconds:0.###} s).");
                retryAfter = state?.LastRetryAfter;
                break;
            default:
                kind = knownKind ?? HttpFailureClassifier.Classify(exception);
                text = kind == ProviderFailureKind.NotProcessed
                    ? $"{_provider} could not be reached: {exception.Message}"
                    : $"The call to {_provider} failed: {exception.Message}";
                break;
        }

        var builder = new StringBuilder(text);
        AppendCommon(builder, kind, retryAfter, requestId: null);
        return new ProviderRequestException(_provider, redactor.Redact(builder.ToString()), kind, exception)
        {
            RetryAfter = retryAfter,
        };
    }

    /// <summary>Builds the exception for a success answer whose body could not be read.</summary>
    public async Task<ProviderRequestException> FromUnreadableBodyAsync(HttpResponseMessage response, Exception exception)
    {
        string? body = null;
        try
        {
            // Success answers are buffered (bounded) by the failure handler, so their bytes survive the failed read.
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            body = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxBodyChars));
        }
        catch (Exception readFailure) when (readFailure is InvalidOperationException or ObjectDisposedException or HttpRequestException or IOException)
        {
            // Not buffered and already consumed: the message goes without an excerpt.
        }

        var redactor = await CreateRedactorAsync(response.RequestMessage, body, CancellationToken.None).ConfigureAwait(false);
        var excerpt = Excerpt(body, redactor);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{_provider} answered {(int)response.StatusCode} ({response.ReasonPhrase ?? response.StatusCode.ToString()}) but the answer could not be read: {exception.Message}");
        if (excerpt is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Body: \"{excerpt}\".");
        }

        AppendCommon(text, ProviderFailureKind.MaybeProcessed, retryAfter: null, ReadRequestIdHeader(response));
        return new ProviderRequestException(_provider, redactor.Redact(text.ToString()), ProviderFailureKind.MaybeProcessed, exception)
        {
            StatusCode = response.StatusCode,
            ResponseExcerpt = excerpt,
            RequestId = ReadRequestIdHeader(response),
        };
    }

    private static void AppendCommon(StringBuilder text, ProviderFailureKind kind, TimeSpan? retryAfter, string? requestId)
    {
        if (retryAfter is { } wait)
        {
            text.Append(CultureInfo.InvariantCulture, $" Retry after {wait.TotalSeconds:0.###} s.");
        }

        if (kind == ProviderFailureKind.MaybeProcessed)
        {
            text.Append(" The request may have been processed.");
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

    private static readonly string[] RequestIdHeaders = ["X-Request-Id", "Request-Id", "X-Request-ID", "X-Amzn-RequestId", "X-Correlation-Id"];

    /// <summary>Reads at most <see cref="MaxBodyChars"/> characters, so a hostile error body cannot exhaust memory.</summary>
    private static async Task<string?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {

            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
            var buffer = new char[MaxBodyChars];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total == 0 ? null : new string(buffer, 0, total);
        }
    }
}
