using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PurchaseSdk.Tests.Reliability;

namespace PurchaseSdk.Tests.Misbehaving;

/// <summary>
/// Configuration that cannot work is refused when the host starts, with a message that names the configuration key
/// (issue #10, defects 8 and 12): a secret holding a line break, <c>Resilience:MaxDelay</c> below <c>BaseDelay</c>,
/// and an SDK with no provider at all.
/// </summary>
public sealed class StartupRefusalTests
{
    private const string LineBreak = "tok\r\nX-Injected: 1";

    private static async Task<Exception?> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IPurchaseSdkBuilder> addProviders)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        addProviders(builder.Services.AddPurchaseSdk(builder.Configuration.GetSection("PurchaseSdk")));
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            await host.StopAsync();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Every secret of every provider of the table, in a configuration otherwise valid.</summary>
    private static IEnumerable<TestCaseData> SecretsWithALineBreak() =>
        from provider in ProviderCase.All
        from secret in provider.Secrets
        let key = $"PurchaseSdk:{provider.Name}:{secret}"
        let settings = provider.Required.Select(r => ($"PurchaseSdk:{provider.Name}:{r.Key}", (string?)r.Value)).Append((key, LineBreak)).ToDictionary(s => s.Item1, s => s.Item2)
        select new TestCaseData(key, settings, (Action<IPurchaseSdkBuilder>)(sdk => provider.AddTo(sdk))).SetName(key);

    /// <summary>Defect 8.</summary>
    [TestCaseSource(nameof(SecretsWithALineBreak))]
    public async Task A_secret_with_a_line_break_stops_the_host_naming_its_key(string key, Dictionary<string, string?> settings, Action<IPurchaseSdkBuilder> add)
    {
        var error = await StartAsync(settings, add);

        Assert.That(error, Is.InstanceOf<OptionsValidationException>());
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(key), "the message names the configuration key");
            Assert.That(error.Message, Does.Not.Contain("X-Injected"), "and never echoes the value");
        });
    }

    /// <summary>Defect 12.</summary>
    [Test]
    public async Task MaxDelay_below_BaseDelay_stops_the_host_naming_the_key()
    {
        var error = await StartAsync(
            new Dictionary<string, string?>
            {
                ["PurchaseSdk:Kit:AccessToken"] = "kit-token-0123456789",
                ["PurchaseSdk:Kit:Resilience:BaseDelay"] = "00:00:05",
                ["PurchaseSdk:Kit:Resilience:MaxDelay"] = "00:00:01",
            },
            sdk => sdk.AddKit());

        Assert.That(error, Is.InstanceOf<OptionsValidationException>());
        Assert.That(error!.Message, Does.Contain("PurchaseSdk:Kit:Resilience:MaxDelay"));
    }

    /// <summary>Defect 12.</summary>
    [Test]
    public async Task An_sdk_without_any_provider_stops_the_host_saying_to_add_one()
    {
        var error = await StartAsync(new Dictionary<string, string?>(), _ => { });

        Assert.That(error, Is.Not.Null, "AddPurchaseSdk() with no provider started; every report would do nothing");
        Assert.That(error!.Message, Does.Contain("AddKit()"), "the message says how to add a provider");
    }
}
