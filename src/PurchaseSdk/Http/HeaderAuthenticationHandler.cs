using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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

    /// <summary>
    /// Creates, for <see cref="ProviderRegistrationExtensions.AddProviderHttpClient"/>, a handler that sends
    /// <paramref name="headerName"/> with the value <paramref name="value"/> reads from the provider's current options.
    /// </summary>
    public static Func<IServiceProvider, ProviderAuthenticationHandler> For<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(string headerName, Func<TOptions, string?> value)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return services =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<TOptions>>();
            return new HeaderAuthenticationHandler(headerName, () => value(options.CurrentValue));
        };
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
