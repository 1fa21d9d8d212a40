using System.Text.Json.Serialization;

namespace PurchaseSdk.Scout;

/// <summary>
/// Scout's answer: <c>{"success": true}</c>, or <c>{"success": false, "message": "…"}</c>; the OAuth endpoints'
/// answers (<see cref="ScoutUserResult"/>) add the user.
/// </summary>
public class ScoutResult
{
    /// <summary>Whether Scout accepted the request.</summary>
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    /// <summary>Why Scout refused it.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
