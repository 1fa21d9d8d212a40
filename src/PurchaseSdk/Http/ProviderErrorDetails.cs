using System.Net;

namespace PurchaseSdk.Http;

/// <summary>What the shared pipeline read from a provider's error answer, before it builds the exception.</summary>
public sealed class ProviderErrorDetails
{
    /// <summary>The provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>The HTTP status of the answer.</summary>
    public required HttpStatusCode StatusCode { get; init; }

    /// <summary>The provider's error code, if its body has one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The messages of the error body (already redacted).</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary>The provider's request id, when it sent one.</summary>
    public string? RequestId { get; init; }
}
