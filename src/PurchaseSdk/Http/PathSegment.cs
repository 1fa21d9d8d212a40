namespace PurchaseSdk.Http;

/// <summary>
/// A value placed in a URL path segment (a subscriber email, a cart reference, an order id). The value is escaped
/// exactly once when the request is built, so <c>/</c>, <c>?</c>, <c>#</c> and <c>%</c> stay inside the segment;
/// the only values that would still change the path, <c>.</c> and <c>..</c> (which every URL parser collapses,
/// even escaped), and empty values are refused here, before anything is sent.
/// </summary>
public readonly struct PathSegment : IEquatable<PathSegment>
{
    private readonly string? _value;

    /// <summary>Creates the segment.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty, <c>.</c> or <c>..</c>.</exception>
    public PathSegment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value.Trim().Length == 0)
        {
            throw new ArgumentException("A path segment must not be empty.", nameof(value));
        }

        if (value is "." or "..")
        {
            throw new ArgumentException($"'{value}' cannot be sent as a path segment: it would change the request path.", nameof(value));
        }

        _value = value;
    }

    /// <summary>The raw (unescaped) value.</summary>
    public string Value => _value ?? throw new InvalidOperationException("The path segment was not initialised.");

    /// <summary>Whether <paramref name="value"/> can be a path segment.</summary>
    public static bool IsValid(string? value) => !string.IsNullOrWhiteSpace(value) && value is not ("." or "..");

    /// <summary>Converts a string, refusing values that would change the path.</summary>
    public static implicit operator PathSegment(string value) => new(value);

    /// <summary>Creates a segment from <paramref name="value"/>.</summary>
    public static PathSegment FromString(string value) => new(value);

    /// <summary>The raw value; Refit escapes it once when it builds the URL.</summary>
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(PathSegment other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PathSegment other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Compares two segments.</summary>
    public static bool operator ==(PathSegment left, PathSegment right) => left.Equals(right);

    /// <summary>Compares two segments.</summary>
    public static bool operator !=(PathSegment left, PathSegment right) => !left.Equals(right);
}
