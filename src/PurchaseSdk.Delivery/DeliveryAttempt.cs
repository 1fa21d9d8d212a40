namespace PurchaseSdk.Delivery;

/// <summary>One attempt of a delivery.</summary>
public sealed class DeliveryAttempt
{
    /// <summary>Its number, from 1.</summary>
    public required int Number { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended; null while in progress.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>How it ended.</summary>
    public required DeliveryAttemptOutcome Outcome { get; init; }

    /// <summary>True when it resumed after an uncertain attempt (asking the provider first, or parking without sending).</summary>
    public bool Resumed { get; init; }

    /// <summary>How many HTTP requests it sent to the provider (retries and look-ups included).</summary>
    public int ProviderAttempts { get; init; }

    /// <summary>The provider's reference, when it succeeded with one.</summary>
    public string? ProviderReference { get; init; }

    /// <summary>Its error or note, redacted.</summary>
    public string? Message { get; init; }
}
