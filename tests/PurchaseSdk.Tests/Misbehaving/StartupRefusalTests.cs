using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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

    private static IEnumerable<TestCaseData> SecretsWithALineBreak()
    {
        yield return Case("PurchaseSdk:Kit:AccessToken", [], sdk => sdk.AddKit());
        yield return Case("PurchaseSdk:Scout:ApiKey", [], sdk => sdk.AddScout());
        yield return Case("PurchaseSdk:Rundl:AccessToken", [], sdk => sdk.AddRundl());
        yield return Case("PurchaseSdk:Drip:ApiKey", [("PurchaseSdk:Drip:AccountId", "9999999")], sdk => sdk.AddDrip());
        yield return Case("PurchaseSdk:Drip:AccessToken", [("PurchaseSdk:Drip:AccountId", "9999999")], sdk => sdk.AddDrip());
        yield return Case("PurchaseSdk:ElasticPath:ClientSecret", [("PurchaseSdk:ElasticPath:ClientId", "ep-client")], sdk => sdk.AddElasticPath());

        static TestCaseData Case(string key, (string Key, string Value)[] others, Action<IPurchaseSdkBuilder> add)
        {
            var settings = others.ToDictionary(o => o.Key, o => (string?)o.Value);
            settings[key] = LineBreak;
            return new TestCaseData(key, settings, add).SetName(key);
        }
    }

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
