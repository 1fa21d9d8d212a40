namespace PurchaseSdk.Http;

/// <summary>What a provider's error body says, as read by <see cref="ProviderHttpBehavior.ParseErrorBody"/>.</summary>
public sealed class ProviderErrorBody
{
    /// <summary>Creates the result.</summary>
    /// <param name="code">The provider's error code, if any.</param>
    /// <param name="messages">The messages, in order (none when the body says nothing readable).</param>
    /// <param name="requestId">The provider's request id, if the body carries one.</param>
    public ProviderErrorBody(string? code, IReadOnlyList<string> messages, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Code = code;
        Messages = messages;
        RequestId = requestId;
    }

    /// <summary>The provider's error code (Drip's <c>presence_error</c>, OAuth's <c>invalid_grant</c>, ...).</summary>
    public string? Code { get; }

    /// <summary>The messages, in order.</summary>
    public IReadOnlyList<string> Messages { get; }

    /// <summary>The request id the body carries.</summary>
    public string? RequestId { get; }
}
