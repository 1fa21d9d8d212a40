using System.Text.Json.Serialization;

namespace PurchaseSdk.Scout;

/// <summary>Scout's answer to the code exchange and to the token check.</summary>
public sealed class ScoutUserResult
{
    /// <summary>Whether Scout accepted the request.</summary>
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    /// <summary>Why Scout refused it.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The user.</summary>
    [JsonPropertyName("user")]
    public ScoutUser? User { get; init; }
}
