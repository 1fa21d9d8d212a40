using PurchaseSdk.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Points PurchaseSdk at a <see cref="PurchaseSandbox"/>.</summary>
public static class PurchaseSandboxBuilderExtensions
{
    /// <summary>
    /// Points every provider added to the SDK (before or after this call) at <paramref name="sandbox"/>, with the
    /// credentials it accepts. It replaces addresses and credentials from configuration, and nothing else.
    /// </summary>
    public static IPurchaseSdkBuilder UsePurchaseSandbox(this IPurchaseSdkBuilder builder, PurchaseSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sandbox);
        foreach (var provider in sandbox.Providers)
        {
            provider.UseIn(builder.Services);
        }

        return builder;
    }
}
