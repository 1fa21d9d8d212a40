namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Remembers which providers were added, so adding one twice registers its pipeline once.</summary>
internal sealed class PurchaseSdkRegistry
{
    private readonly HashSet<string> _providers = new(StringComparer.OrdinalIgnoreCase);

    public bool TryAdd(string providerName)
    {
        lock (_providers)
        {
            return _providers.Add(providerName);
        }
    }

    public static PurchaseSdkRegistry GetOrAdd(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(PurchaseSdkRegistry) && descriptor.ImplementationInstance is PurchaseSdkRegistry existing)
            {
                return existing;
            }
        }

        var registry = new PurchaseSdkRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}
