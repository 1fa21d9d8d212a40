namespace PurchaseSdk.Http;

/// <summary>
/// Settings every HTTP provider shares; each provider's options type (<c>KitOptions</c>, ...) derives from it and
/// binds from <c>PurchaseSdk:&lt;Provider&gt;</c>.
/// </summary>
public abstract class PurchaseProviderOptions
{
    /// <summary>The provider's API address. Each provider sets its production default.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Retries, timeouts and the circuit breaker of this provider's calls.</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// Allows a plain <c>http://</c> <see cref="BaseAddress"/> on a host other than loopback. Off by default: the
    /// credentials would travel in clear text.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The secret values of these options (keys, tokens, client secrets). The SDK removes them from every exception
    /// message and log line; override it in a derived type that holds secrets.
    /// </summary>
    protected internal virtual IEnumerable<string?> GetSecrets() => [];

    /// <summary>
    /// Adds the provider's own configuration problems to <paramref name="errors"/>, each naming its key under
    /// <paramref name="sectionPath"/> (for example <c>PurchaseSdk:Kit:AccessToken is required.</c>).
    /// </summary>
    /// <param name="sectionPath">The configuration path of these options, such as <c>PurchaseSdk:Kit</c>.</param>
    /// <param name="errors">The list to add messages to.</param>
    protected internal virtual void Validate(string sectionPath, IList<string> errors)
    {
    }

    /// <summary>Describes the options without any secret.</summary>
    public override string ToString() => $"{GetType().Name} {{ BaseAddress = {BaseAddress} }}";
}
