using System.Buffers;

namespace PurchaseSdk.Http;

/// <summary>
/// Reads an answer's body into memory, bounded, honouring the cancellation token on every read (on net8.0 too, where
/// <c>LoadIntoBufferAsync</c> takes no token), and replaces the content with the bytes read.
/// </summary>
internal static class BufferedBody
{
    /// <summary>Replaces <paramref name="response"/>'s content with its first <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="maxBytes">The bound.</param>
    /// <param name="truncate">True to keep the first bytes of a longer body; false to fail with <see cref="HttpRequestException"/>.</param>
    /// <param name="cancellationToken">Ends a stalled read.</param>
    public static async Task ReplaceAsync(HttpResponseMessage response, int maxBytes, bool truncate, CancellationToken cancellationToken)
    {
        var content = response.Content;
        if (content is ByteArrayContent)
        {
            return;
        }

        if (!truncate && content.Headers.ContentLength is { } announced && announced > maxBytes)
        {
            throw new HttpRequestException($"The answer is {announced} bytes, more than the {maxBytes} bytes the SDK reads.");
        }

        byte[] bytes;
        var abort = cancellationToken.Register(static c => ((HttpContent)c!).Dispose(), content);
        try
        {
            bytes = await ReadAsync(content, maxBytes, truncate, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // The registration disposed the content to end a read that did not watch the token.
            throw new OperationCanceledException("The answer's body was not read before the call was cancelled or timed out.", exception, cancellationToken);
        }
        finally
        {
            await abort.DisposeAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();

        // An empty success body reads as JSON null: Refit hands an empty body to no deserializer (the typed result would
        // silently be null), while null reaches RequiredAnswerSerializer, which reports the answer as unreadable.
        var replacement = new ByteArrayContent(bytes.Length == 0 && response.IsSuccessStatusCode ? "null"u8.ToArray() : bytes);
        foreach (var header in content.Headers)
        {
            // The length is the replacement's own (computed from its bytes).
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        response.Content = replacement;
        content.Dispose();
    }

    /// <summary>
    /// Fails when an answer labelled JSON has a body that is not well-formed JSON (a cut-off body, a proxy's page with
    /// the wrong label): the answer cannot be read, whatever reads it. An empty body passes; the reader decides.
    /// </summary>
    public static async Task EnsureWellFormedJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var bytes = (await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)).AsMemory();
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return;
        }

        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(bytes.Span);
            reader.Read();
            reader.Skip();
            if (reader.Read())
            {
                throw new System.Text.Json.JsonException("There is more after the JSON document.");
            }
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new HttpRequestException($"The {mediaType} answer is not well-formed JSON: {exception.Message}", exception);
        }
    }

    private static async Task<byte[]> ReadAsync(HttpContent content, int maxBytes, bool truncate, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var body = new MemoryStream();
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, maxBytes + 1 - body.Length)), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    body.Write(buffer, 0, read);
                    if (body.Length <= maxBytes)
                    {
                        continue;
                    }

                    if (!truncate)
                    {
                        throw new HttpRequestException($"The answer is longer than the {maxBytes} bytes the SDK reads.");
                    }

                    body.SetLength(maxBytes);
                    break;
                }
            }

            return body.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
