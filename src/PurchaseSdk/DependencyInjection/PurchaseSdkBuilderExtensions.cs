using Microsoft.Extensions.DependencyInjection.Extensions;
using PurchaseSdk.Providers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds your own <see cref="IPurchaseProvider"/> next to the packaged ones.</summary>
public static class PurchaseSdkBuilderExtensions
{
    /// <summary>Adds <typeparamref name="TProvider"/> (a singleton) to every report.</summary>
    public static IPurchaseSdkBuilder AddProvider<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this IPurchaseSdkBuilder builder)
        where TProvider : class, IPurchaseProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TProvider>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPurchaseProvider, TProvider>(static sp => sp.GetRequiredService<TProvider>()));
        return builder;
    }

    /// <summary>
    /// Registers a provider context type so it can be stored with a purchase and read back (durable delivery).
    /// </summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="name">Its stable stored name (for example <c>Scout.User</c>); never change it once used.</param>
    /// <param name="typeInfo">Its source-generated JSON metadata.</param>
    public static IPurchaseSdkBuilder AddContextType<TContext>(this IPurchaseSdkBuilder builder, string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TContext> typeInfo)
        where TContext : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var type = new PurchaseSdk.PurchaseContextType(name, typeInfo);
        foreach (var descriptor in builder.Services)
        {
            if (descriptor.ImplementationInstance is PurchaseSdk.PurchaseContextType existing
                && (string.Equals(existing.Name, name, StringComparison.Ordinal) || existing.Type == type.Type))
            {
                return existing.Type == type.Type && existing.Name == name
                    ? builder
                    : throw new InvalidOperationException($"The context type name '{name}' or the type {type.Type.Name} is already registered as {existing}.");
            }
        }

        builder.Services.AddSingleton(type);
        return builder;
    }

    /// <summary>Adds <paramref name="provider"/> to every report.</summary>
    public static IPurchaseSdkBuilder AddProvider(this IPurchaseSdkBuilder builder, IPurchaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(provider);
        builder.Services.AddSingleton(provider);
        return builder;
    }
}
