using PurchaseSdk.Drip;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Http;
using PurchaseSdk.Kit;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;

namespace PurchaseSdk.Tests.Reliability;

/// <summary>
/// The tests' one table of providers. A test about every provider iterates <see cref="All"/> and counts what it
/// holds, never a literal; a new provider is one line here (and one emulator line in <c>PurchaseSandbox</c>).
/// </summary>
/// <remarks>
/// The net8.0 test project links this file (without the sandbox half, <c>ProviderCase.Sandbox.cs</c>), so it uses
/// nothing of WireMock or <c>PurchaseSdk.Testing</c>.
/// </remarks>
public abstract partial class ProviderCase
{
    /// <summary>Every provider, in the order the sandbox emulates them and reports list them.</summary>
    public static IReadOnlyList<ProviderCase> All { get; } =
    [
        new Row<ScoutOptions>("Scout", (sdk, o) => sdk.AddScout(o), (o, at) => (o.BaseAddress, o.ApiAddress, o.ApiKey) = (at, at, TestCredentials.ScoutKey)) { Secrets = ["ApiKey"], OrderIdField = "order_id", OneRecordPerUnit = true },
        new Row<RundlOptions>("Rundl", (sdk, o) => sdk.AddRundl(o), (o, at) => (o.BaseAddress, o.AccessToken) = (new Uri(at, "api"), TestCredentials.RundlToken)) { Secrets = ["AccessToken"] },
        new Row<KitOptions>("Kit", (sdk, o) => sdk.AddKit(o), (o, at) => (o.BaseAddress, o.AccessToken) = (at, TestCredentials.KitToken)) { Secrets = ["AccessToken"], OrderIdField = "transaction_id" },
        new Row<DripOptions>("Drip", (sdk, o) => sdk.AddDrip(o), (o, at) => (o.BaseAddress, o.AccountId, o.ApiKey) = (at, TestCredentials.DripAccount, TestCredentials.DripKey)) { Secrets = ["ApiKey", "AccessToken"], Required = [("AccountId", TestCredentials.DripAccount)], OrderIdField = "order_id", CanCheckForARecord = true, ReadsCreateAnswer = false },
        new Row<ElasticPathOptions>("ElasticPath", (sdk, o) => sdk.AddElasticPath(o), (o, at) => (o.BaseAddress, o.ClientId, o.ClientSecret) = (at, TestCredentials.ElasticPathClientId, TestCredentials.ElasticPathSecret)) { Secrets = ["ClientSecret"], Required = [("ClientId", TestCredentials.ElasticPathClientId)], OrderIdField = "external_ref", CanCheckForARecord = true, HttpClients = 2, RenewsTokenAfter401 = true },
    ];

    private ProviderCase(string name, Type optionsType)
    {
        Name = name;
        OptionsType = optionsType;
    }

    /// <summary>The provider name, as in outcomes and in <c>PurchaseSdk:&lt;Name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>The provider's options type (<c>KitOptions</c>, ...).</summary>
    public Type OptionsType { get; }

    /// <summary>Its secret settings (keys under <c>PurchaseSdk:&lt;Name&gt;</c>): each is refused at start-up when it cannot be sent.</summary>
    public IReadOnlyList<string> Secrets { get; private init; } = [];

    /// <summary>The other settings a valid configuration needs besides one secret (key under <c>PurchaseSdk:&lt;Name&gt;</c>, value).</summary>
    public IReadOnlyList<(string Key, string Value)> Required { get; private init; } = [];

    /// <summary>Whether the provider can be asked if a create landed (a look-up before any re-send).</summary>
    public bool CanCheckForARecord { get; private init; }

    /// <summary>Whether the SDK reads the body of the provider's create answer (Drip's <c>201 {}</c> it does not).</summary>
    public bool ReadsCreateAnswer { get; private init; } = true;

    /// <summary>Whether a 401 renews the provider's token once and repeats the call (Elastic Path).</summary>
    public bool RenewsTokenAfter401 { get; private init; }

    /// <summary>How many HTTP clients (handler chains) the provider registers: its API, and a token endpoint where it has one.</summary>
    public int HttpClients { get; private init; } = 1;

    /// <summary>The member of the provider's stored record that holds the purchase's order id, or null where it keeps none.</summary>
    public string? OrderIdField { get; private init; }

    /// <summary>Whether the provider stores one record per purchased unit (Scout: one checkout per unit).</summary>
    public bool OneRecordPerUnit { get; private init; }

    /// <summary>The provider whose options are <typeparamref name="TOptions"/>.</summary>
    public static ProviderCase For<TOptions>()
        where TOptions : PurchaseProviderOptions =>
        All.Single(p => p.OptionsType == typeof(TOptions));

    /// <summary>The provider whose options <paramref name="options"/> are.</summary>
    public static ProviderCase Of(PurchaseProviderOptions options) => All.Single(p => p.OptionsType == options.GetType());

    /// <summary>The provider called <paramref name="name"/>.</summary>
    public static ProviderCase Named(string name) => All.Single(p => p.Name == name);

    /// <summary>Adds every provider of <see cref="All"/> to <paramref name="sdk"/>, each configured by <paramref name="configure"/>.</summary>
    public static IPurchaseSdkBuilder AddEvery(IPurchaseSdkBuilder sdk, Action<PurchaseProviderOptions>? configure = null)
    {
        foreach (var provider in All)
        {
            provider.AddTo(sdk, configure);
        }

        return sdk;
    }

    /// <summary>Adds the provider to <paramref name="sdk"/> (its <c>Add&lt;Provider&gt;()</c>), configured by <paramref name="configure"/>.</summary>
    public abstract IPurchaseSdkBuilder AddTo(IPurchaseSdkBuilder sdk, Action<PurchaseProviderOptions>? configure = null);

    /// <summary>Points the provider's options at a stub on <paramref name="address"/>, with the <see cref="TestCredentials"/>.</summary>
    public abstract void PointAt(PurchaseProviderOptions options, Uri address);

    /// <summary>The provider's options as <paramref name="services"/> resolve them (a configuration problem throws).</summary>
    public abstract PurchaseProviderOptions OptionsIn(IServiceProvider services);

    public override string ToString() => Name;

    private sealed class Row<TOptions>(string name, Func<IPurchaseSdkBuilder, Action<TOptions>?, IPurchaseSdkBuilder> add, Action<TOptions, Uri> pointAt) : ProviderCase(name, typeof(TOptions))
        where TOptions : PurchaseProviderOptions
    {
        public override IPurchaseSdkBuilder AddTo(IPurchaseSdkBuilder sdk, Action<PurchaseProviderOptions>? configure = null) => add(sdk, configure);

        public override void PointAt(PurchaseProviderOptions options, Uri address) => pointAt((TOptions)options, address);

        public override PurchaseProviderOptions OptionsIn(IServiceProvider services) => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TOptions>>().Value;
    }
}
