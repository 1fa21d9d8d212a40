using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PurchaseSdk.Configuration;
using PurchaseSdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers PurchaseSdk: <c>services.AddPurchaseSdk(...).AddKit()...</c>.</summary>
public static class PurchaseSdkServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SDK; providers then bind their options from the application's <see cref="IConfiguration"/> at
    /// <c>PurchaseSdk:&lt;Provider&gt;</c>, when one is registered.
    /// </summary>
    public static IPurchaseSdkBuilder AddPurchaseSdk(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services, configuration: null);
        return new PurchaseSdkBuilder(services, configuration: null);
    }

    /// <summary>
    /// Adds the SDK with its settings bound from <paramref name="configuration"/>, the <c>PurchaseSdk</c> section
    /// (for example <c>builder.Configuration.GetSection("PurchaseSdk")</c>); providers bind from its sub-sections.
    /// </summary>
    public static IPurchaseSdkBuilder AddPurchaseSdk(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services, configuration);
        return new PurchaseSdkBuilder(services, configuration);
    }

    /// <summary>
    /// Adds the SDK and configures its settings in code; providers bind from the application's
    /// <see cref="IConfiguration"/> as with <see cref="AddPurchaseSdk(IServiceCollection)"/>.
    /// </summary>
    public static IPurchaseSdkBuilder AddPurchaseSdk(this IServiceCollection services, Action<PurchaseSdkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services, configuration: null);
        services.Configure(configure);
        return new PurchaseSdkBuilder(services, configuration: null);
    }

    private static void AddCore(IServiceCollection services, IConfiguration? configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddMetrics();
        services.TryAddSingleton<PurchaseSdkMetrics>();
        services.TryAddSingleton<IPurchaseReporter, PurchaseReporter>();

        var options = services.AddOptions<PurchaseSdkOptions>()
            .BindFrom(configuration, PurchaseSdkOptions.SectionName, static (section, o) => section.Bind(o));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PurchaseSdkOptions>, PurchaseSdkOptionsValidator>());
        options.ValidateOnStart();

        // A host that starts with no provider at all would "succeed" every report; refuse it at start-up. A marker
        // options type of its own, so resolving the providers (whose clients read PurchaseSdkOptions) cannot recurse.
        services.AddOptions<ProviderPresence>()
            .Validate<IEnumerable<PurchaseSdk.Providers.IPurchaseProvider>>(static (_, providers) => providers.Any(), PurchaseReporter.NoProviderMessage)
            .ValidateOnStart();
        PurchaseSdkRegistry.GetOrAdd(services);
    }

    /// <summary>Nothing but the start-up check that at least one provider is registered.</summary>
    private sealed class ProviderPresence
    {
    }

    private sealed class PurchaseSdkOptionsValidator : IValidateOptions<PurchaseSdkOptions>
    {
        public ValidateOptionsResult Validate(string? name, PurchaseSdkOptions options)
        {
            var application = options.ApplicationName;
            if (application is null)
            {
                return ValidateOptionsResult.Success;
            }

            if (application.Contains('\r', StringComparison.Ordinal) || application.Contains('\n', StringComparison.Ordinal))
            {
                return ValidateOptionsResult.Fail($"{PurchaseSdkOptions.SectionName}:ApplicationName must not contain a line break (it goes into the User-Agent header).");
            }

            return application.Length > 200
                ? ValidateOptionsResult.Fail($"{PurchaseSdkOptions.SectionName}:ApplicationName is longer than 200 characters.")
                : ValidateOptionsResult.Success;
        }
    }
}
