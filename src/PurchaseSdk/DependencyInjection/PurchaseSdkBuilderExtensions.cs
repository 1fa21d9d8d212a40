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

    /// <summary>Adds <paramref name="provider"/> to every report.</summary>
    public static IPurchaseSdkBuilder AddProvider(this IPurchaseSdkBuilder builder, IPurchaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(provider);
        builder.Services.AddSingleton(provider);
        return builder;
    }
}
