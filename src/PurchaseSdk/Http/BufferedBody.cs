using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PurchaseSdk.Http;

/// <summary>
/// Reads an answer's body into memory once, bounded, honouring the cancellation token on every read (on net8.0 too,
/// where <c>LoadIntoBufferAsync</c> takes no token), and replaces the content with an <see cref="AnswerContent"/> that
/// the JSON check and the deserializer read from without copying.
/// </summary>
internal static class BufferedBody
{
    private static readonly byte[] JsonNull = "null"u8.ToArray();

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

        var announced = content.Headers.ContentLength;
        if (!truncate && announced > maxBytes)
        {
            throw new HttpRequestException($"The answer is {announced} bytes, more than the {maxBytes} bytes the SDK reads.");
        }

        var (bytes, length) = await ReadAsync(content, announced, maxBytes, truncate, cancellationToken).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            ArrayPool<byte>.Shared.Return(bytes);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // An empty success body reads as JSON null: Refit hands an empty body to no deserializer (the typed result would
        // silently be null), while null reaches RequiredAnswerSerializer, which reports the answer as unreadable.
        response.Content = length == 0 && response.IsSuccessStatusCode
            ? new AnswerContent(JsonNull, JsonNull.Length, pooled: false, content.Headers.ContentType, returnTo: bytes)
            : new AnswerContent(bytes, length, pooled: true, content.Headers.ContentType);
        content.Dispose();
    }

    /// <summary>
    /// Fails when an answer labelled JSON has a body that is not well-formed JSON (a cut-off body, a proxy's page with
    /// the wrong label): the answer cannot be read, whatever reads it.
    /// </summary>
    public static void EnsureWellFormedJson(HttpResponseMessage response)
    {
        if (response.Content is not AnswerContent answer || !answer.IsJson)
        {
            return;
        }

        var bytes = answer.Bytes.Span;
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            var reader = new Utf8JsonReader(bytes);
            reader.Read();
            reader.Skip();
            if (reader.Read())
            {
                throw new JsonException("There is more after the JSON document.");
            }
        }
        catch (JsonException exception)
        {
            throw new HttpRequestException($"The {answer.Headers.ContentType?.MediaType} answer is not well-formed JSON: {exception.Message}", exception);
        }
    }

    /// <summary>Reads the body into a pooled array (the caller owns it) and returns it with the length read.</summary>
    private static async Task<(byte[] Bytes, int Length)> ReadAsync(HttpContent content, long? announced, int maxBytes, bool truncate, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(announced is { } length && length <= maxBytes ? Math.Max((int)length, 1) : 16 * 1024);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var total = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(total, Math.Min(buffer.Length, maxBytes + 1) - total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        if (!truncate)
                        {
                            throw new HttpRequestException($"The answer is longer than the {maxBytes} bytes the SDK reads.");
                        }

                        total = maxBytes;
                        break;
                    }

                    if (total == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, total).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }

                return (buffer, total);
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}

/// <summary>
/// An answer's body, read into memory once, in an array from the shared pool that goes back when the content is
/// disposed (the response owns it); its bytes are read without copying.
/// </summary>
internal sealed class AnswerContent : ByteArrayContent
{
    private byte[]? _rented;

    public AnswerContent(byte[] bytes, int length, bool pooled, MediaTypeHeaderValue? contentType, byte[]? returnTo = null)
        : base(bytes, 0, length)
    {
        Bytes = bytes.AsMemory(0, length);
        _rented = pooled ? bytes : returnTo;
        Headers.ContentType = contentType;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Whether the answer says it is JSON (<c>application/json</c> or <c>…+json</c>).</summary>
    public bool IsJson => Headers.ContentType?.MediaType is { } type
        && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        base.Dispose(disposing);
    }
}
