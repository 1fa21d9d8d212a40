using Microsoft.Extensions.Options;
using PurchaseSdk.Http;

namespace PurchaseSdk;

/// <summary>Tells the reporter the <c>TotalTimeout</c> of one registered HTTP provider, read from its current options.</summary>
internal interface IProviderTotalTimeout
{
    string Provider { get; }

    TimeSpan TotalTimeout { get; }
}

/// <summary>The <see cref="IProviderTotalTimeout"/> of a provider whose options derive from <see cref="PurchaseProviderOptions"/>.</summary>
internal sealed class ProviderTotalTimeout<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions> : IProviderTotalTimeout
    where TOptions : PurchaseProviderOptions
{
    private readonly IOptionsMonitor<TOptions> _options;

    public ProviderTotalTimeout(string provider, IOptionsMonitor<TOptions> options)
    {
        Provider = provider;
        _options = options;
    }

    public string Provider { get; }

    public TimeSpan TotalTimeout => _options.CurrentValue.Resilience.TotalTimeout;
}
