using System.Text.Json.Serialization;

namespace PurchaseSdk.Scout;

/// <summary>Scout's answer to the code exchange and to the token check.</summary>
public sealed class ScoutUserResult : ScoutResult
{
    /// <summary>The user.</summary>
    [JsonPropertyName("user")]
    public ScoutUser? User { get; init; }
}
