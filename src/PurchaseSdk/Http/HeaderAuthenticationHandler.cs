namespace PurchaseSdk.Http;

/// <summary>
/// Puts one credential header on every attempt, its value read from current options each time (so rolling a key
/// needs no restart): Scout's <c>x-api-key</c>, Rundl's <c>Authorization: OAuth …</c>, Drip's basic credentials.
/// </summary>
public sealed class HeaderAuthenticationHandler : ProviderAuthenticationHandler
{
    private readonly string _headerName;
    private readonly Func<string?> _value;

    /// <summary>Creates the handler.</summary>
    /// <param name="headerName">The header to set.</param>
    /// <param name="value">Returns the header value; null or empty sends no header.</param>
    public HeaderAuthenticationHandler(string headerName, Func<string?> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(headerName);
        ArgumentNullException.ThrowIfNull(value);
        _headerName = headerName;
        _value = value;
    }

    /// <inheritdoc />
    protected override ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove(_headerName);
        if (_value() is { Length: > 0 } value)
        {
            request.Headers.TryAddWithoutValidation(_headerName, value);
        }

        return ValueTask.CompletedTask;
    }
}
