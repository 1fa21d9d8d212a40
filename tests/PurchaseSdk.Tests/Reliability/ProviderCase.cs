using Microsoft.Extensions.DependencyInjection;
using PurchaseSdk.Http;
using PurchaseSdk.Testing;

namespace PurchaseSdk.Tests.Reliability;

/// <summary>One provider as the fault suite drives it through the sandbox.</summary>
public sealed class ProviderCase
{
    private readonly Func<IPurchaseSdkBuilder, Action<PurchaseProviderOptions>, IPurchaseSdkBuilder> _add;
    private readonly Func<PurchaseSandbox, SandboxProvider> _emulator;

    private ProviderCase(string name, bool canCheck, Func<IPurchaseSdkBuilder, Action<PurchaseProviderOptions>, IPurchaseSdkBuilder> add, Func<PurchaseSandbox, SandboxProvider> emulator)
    {
        Name = name;
        CanCheckForARecord = canCheck;
        _add = add;
        _emulator = emulator;
    }

    /// <summary>The provider name.</summary>
    public string Name { get; }

    /// <summary>Whether the provider can be asked if a create landed (Elastic Path, Drip).</summary>
    public bool CanCheckForARecord { get; }

    public static IEnumerable<ProviderCase> All { get; } =
    [
        new("Scout", false, (sdk, o) => sdk.AddScout(o), s => s.Scout),
        new("Rundl", false, (sdk, o) => sdk.AddRundl(o), s => s.Rundl),
        new("Kit", false, (sdk, o) => sdk.AddKit(o), s => s.Kit),
        new("Drip", true, (sdk, o) => sdk.AddDrip(o), s => s.Drip),
        new("ElasticPath", true, (sdk, o) => sdk.AddElasticPath(o), s => s.ElasticPath),
    ];

    public IPurchaseSdkBuilder AddTo(IPurchaseSdkBuilder sdk, Action<PurchaseProviderOptions> configure) => _add(sdk, configure);

    public SandboxProvider In(PurchaseSandbox sandbox) => _emulator(sandbox);

    public override string ToString() => Name;
}
