using System.Net;

namespace PurchaseSdk.Http;

/// <summary>
/// Wraps a request's body so the pipeline learns the moment it starts going onto a connection: before that,
/// nothing of the request can have reached the provider (the connection, TLS and header checks come first).
/// </summary>
internal sealed class WriteTrackingContent : HttpContent
{
    private readonly ProviderRequestState _state;

    public WriteTrackingContent(HttpContent inner, ProviderRequestState state)
    {
        Inner = inner;
        _state = state;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>The wrapped body.</summary>
    public HttpContent Inner { get; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _state.LastAttempt?.MarkWritten();
        return Inner.CopyToAsync(stream, context, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        if (Inner.Headers.ContentLength is { } known)
        {
            length = known;
            return true;
        }

        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
