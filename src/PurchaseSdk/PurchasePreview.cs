namespace PurchaseSdk;

/// <summary>
/// What <see cref="IPurchaseReporter.PreviewAsync"/> found: for every provider, the reason it would skip the purchase or
/// the exact HTTP requests it would send, credentials replaced with <c>***</c>. Nothing was sent.
/// </summary>
public sealed class PurchasePreview
{
    /// <summary>Creates a preview.</summary>
    /// <param name="orderId">The order id of the previewed purchase.</param>
    /// <param name="providers">One entry per provider.</param>
    public PurchasePreview(string orderId, IReadOnlyList<ProviderPreview> providers)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        ArgumentNullException.ThrowIfNull(providers);
        OrderId = orderId;
        Providers = providers;
    }

    /// <summary>The order id of the previewed purchase.</summary>
    public string OrderId { get; }

    /// <summary>One entry per registered provider, in registration order.</summary>
    public IReadOnlyList<ProviderPreview> Providers { get; }

    /// <summary>Gets the preview of <paramref name="provider"/>, or null when it is not registered.</summary>
    public ProviderPreview? this[string provider] =>
        Providers.FirstOrDefault(p => string.Equals(p.Provider, provider, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What one provider would do with the purchase.</summary>
public sealed class ProviderPreview
{
    /// <summary>The provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>Why the provider would skip the purchase (a context or input is missing); null when it would send.</summary>
    public string? SkipReason { get; init; }

    /// <summary>The requests it would send, in order (empty when skipped).</summary>
    public IReadOnlyList<PreviewRequest> Requests { get; init; } = [];

    /// <summary>What it would do besides (for example request an access token first), for people.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Why the preview could not be built, when it could not (the provider threw); null otherwise.</summary>
    public Exception? Error { get; init; }
}

/// <summary>One request a provider would send, exactly as built by its mapping and pipeline, secrets replaced with <c>***</c>.</summary>
public sealed class PreviewRequest
{
    /// <summary>The HTTP method (<c>POST</c>).</summary>
    public required string Method { get; init; }

    /// <summary>The absolute URL.</summary>
    public required Uri Url { get; init; }

    /// <summary>The request and content headers, in order; secret values are <c>***</c>.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The body as text (UTF-8), secrets replaced; null without a body.</summary>
    public string? Body { get; init; }

    /// <summary>Formats the request as HTTP/1.1 text.</summary>
    public override string ToString() =>
        $"{Method} {Url}\n{string.Concat(Headers.Select(static h => $"{h.Key}: {h.Value}\n"))}{(Body is null ? string.Empty : "\n" + Body)}";
}
