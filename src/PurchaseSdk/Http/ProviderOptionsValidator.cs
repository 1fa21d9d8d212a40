using System.Globalization;
using Microsoft.Extensions.Options;

namespace PurchaseSdk.Http;

/// <summary>
/// Validates a provider's options at start-up: the checks every provider shares (address, transport security,
/// resilience values, header-safe secrets) and the provider's own, with messages that name the configuration key.
/// </summary>
internal sealed class ProviderOptionsValidator<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions> : IValidateOptions<TOptions>
    where TOptions : PurchaseProviderOptions
{
    private readonly string _path;

    public ProviderOptionsValidator(string path) => _path = path;

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = new List<string>();
        options.ValidateCommon(_path, errors);
        ValidateResilience(options.Resilience, errors);
        foreach (var secret in options.GetSecrets())
        {
            ValidateSecret(secret, errors);
        }

        PurchaseProviderOptions.ValidateRateLimit(options.RateLimit, _path + ":RateLimit", errors);
        options.Validate(_path, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateSecret(ProviderSecret secret, List<string> errors)
    {
        if (secret.Value is not { } value)
        {
            return;
        }

        var key = _path + ":" + secret.Key;
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            errors.Add($"{key} contains a line break; remove it (a line break in a credential could inject HTTP headers).");
        }
        else if (value.AsSpan().IndexOfAnyInRange('\0', '\u001F') >= 0 || value.Contains('\u007F', StringComparison.Ordinal))
        {
            errors.Add($"{key} contains a control character (such as NUL); no credential contains one, so check how the value was copied.");
        }
        else if (secret.SentInHeader && value.AsSpan().Trim().ContainsAnyExceptInRange((char)0x20, (char)0x7E))
        {
            errors.Add($"{key} contains characters that cannot be sent in an HTTP header (only printable ASCII is allowed); check that the whole value was copied correctly.");
        }
    }

    private void ValidateResilience(ProviderResilienceOptions? resilience, List<string> errors)
    {
        if (resilience is null)
        {
            errors.Add($"{_path}:Resilience must not be null.");
            return;
        }

        var key = _path + ":Resilience";
        if (resilience.MaxRetries is < 0 or > 10)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:MaxRetries must be between 0 and 10 (was {resilience.MaxRetries})."));
        }

        RequirePositive(resilience.BaseDelay, key + ":BaseDelay", errors);
        RequirePositive(resilience.MaxDelay, key + ":MaxDelay", errors);
        if (resilience.MaxDelay < resilience.BaseDelay)
        {
            errors.Add($"{key}:MaxDelay ({resilience.MaxDelay}) must not be shorter than {key}:BaseDelay ({resilience.BaseDelay}).");
        }

        RequirePositive(resilience.ConnectTimeout, key + ":ConnectTimeout", errors);
        RequirePositive(resilience.AttemptTimeout, key + ":AttemptTimeout", errors);
        RequirePositive(resilience.TotalTimeout, key + ":TotalTimeout", errors);
        if (resilience.MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add($"{key}:MaxRetryAfter must not be negative.");
        }

        if (resilience.AttemptTimeout > resilience.TotalTimeout)
        {
            errors.Add($"{key}:AttemptTimeout ({resilience.AttemptTimeout}) must not exceed {key}:TotalTimeout ({resilience.TotalTimeout}).");
        }

        var breaker = resilience.CircuitBreaker;
        if (breaker is null || !breaker.Enabled)
        {
            return;
        }

        if (breaker.FailureRatio is <= 0 or > 1)
        {
            errors.Add($"{key}:CircuitBreaker:FailureRatio must be above 0 and at most 1.");
        }

        if (breaker.MinimumThroughput < 2)
        {
            errors.Add($"{key}:CircuitBreaker:MinimumThroughput must be at least 2.");
        }

        if (breaker.SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{key}:CircuitBreaker:SamplingDuration must be at least 0.5 s.");
        }

        if (breaker.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{key}:CircuitBreaker:BreakDuration must be at least 0.5 s.");
        }
    }

    private static void RequirePositive(TimeSpan value, string key, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be positive (was {value}).");
        }
    }
}
