using System.Globalization;

namespace PurchaseSdk.Http;

/// <summary>
/// Settings every HTTP provider shares; each provider's options type (<c>KitOptions</c>, ...) derives from it and
/// binds from <c>PurchaseSdk:&lt;Provider&gt;</c>.
/// </summary>
public abstract class PurchaseProviderOptions
{
    /// <summary>The provider's API address. Each provider sets its production default.</summary>
    public virtual Uri? BaseAddress { get; set; }

    /// <summary>Retries, timeouts and the circuit breaker of this provider's calls.</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// The provider's request budget, kept before it has to answer 429. Each provider sets its documented limit; off
    /// for providers that document none.
    /// </summary>
    public ProviderRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// The budget of <paramref name="bucket"/> (see <see cref="ProviderHttpBehavior.GetRateLimitBucket"/>): by default
    /// <see cref="RateLimit"/> for every request. A provider with a separate budget for some endpoints (Drip's batch
    /// endpoints) overrides it.
    /// </summary>
    protected internal virtual ProviderRateLimitOptions? GetRateLimit(string bucket) => RateLimit;

    /// <summary>
    /// Allows a plain <c>http://</c> <see cref="BaseAddress"/> on a host other than loopback. Off by default: the
    /// credentials would travel in clear text.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The secret settings of these options (keys, tokens, client secrets), named by their configuration key. The
    /// SDK checks them at start-up (a value that cannot be sent is refused, naming the key) and removes them from
    /// every exception message and log line; override it in a derived type that holds secrets.
    /// </summary>
    protected internal virtual IEnumerable<ProviderSecret> GetSecrets() => [];

    /// <summary>
    /// Adds the provider's own configuration problems to <paramref name="errors"/>, each naming its key under
    /// <paramref name="sectionPath"/> (for example <c>PurchaseSdk:Kit:AccessToken is required.</c>).
    /// </summary>
    /// <param name="sectionPath">The configuration path of these options, such as <c>PurchaseSdk:Kit</c>.</param>
    /// <param name="errors">The list to add messages to.</param>
    protected internal virtual void Validate(string sectionPath, IList<string> errors)
    {
    }

    /// <summary>
    /// Checks an address option: present, absolute http(s), and https unless on loopback or
    /// <see cref="AllowInsecureHttp"/> is set. Each problem is added to <paramref name="errors"/> naming
    /// <paramref name="sectionPath"/>:<paramref name="key"/>.
    /// </summary>
    protected void ValidateAddress(Uri? address, string sectionPath, string key, IList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (address is null)
        {
            errors.Add($"{sectionPath}:{key} is required.");
            return;
        }

        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{sectionPath}:{key} must be an absolute http(s) address (was '{address}').");
            return;
        }

        if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback && !AllowInsecureHttp)
        {
            errors.Add($"{sectionPath}:{key} uses plain http on a non-loopback host ('{address.Host}'); use https, or set {sectionPath}:AllowInsecureHttp to true if you really mean it.");
        }
    }

    /// <summary>
    /// Checks a request budget: when enabled, at least one permit per positive window, and a queue that is not
    /// negative. Each problem is added to <paramref name="errors"/> naming <paramref name="key"/>.
    /// </summary>
    protected internal static void ValidateRateLimit(ProviderRateLimitOptions? limit, string key, IList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (limit is null)
        {
            errors.Add($"{key} must not be null.");
            return;
        }

        if (!limit.Enabled)
        {
            return;
        }

        if (limit.PermitLimit < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:PermitLimit must be at least 1 (was {limit.PermitLimit}); set {key}:Enabled to false for no limit."));
        }

        if (limit.Window <= TimeSpan.Zero)
        {
            errors.Add($"{key}:Window must be positive (was {limit.Window}).");
        }
        if (limit.QueueLimit < 0)
        {
            errors.Add($"{key}:QueueLimit must not be negative.");
        }
    }

    internal void ValidateCommon(string sectionPath, IList<string> errors) => ValidateAddress(BaseAddress, sectionPath, "BaseAddress", errors);

    /// <summary>Describes the options without any secret.</summary>
    public override string ToString() => $"{GetType().Name} {{ BaseAddress = {BaseAddress} }}";
}
