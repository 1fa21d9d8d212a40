using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PurchaseSdk.Kit;
using PurchaseSdk.Providers;

namespace PurchaseSdk.Tests.Core;

/// <summary>The three <c>AddPurchaseSdk</c> forms, binding from <c>PurchaseSdk:&lt;Provider&gt;</c>, and start-up validation.</summary>
public sealed class DependencyInjectionTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Test]
    public void Options_bind_from_the_application_configuration_at_PurchaseSdk_Kit()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Config(
            ("PurchaseSdk:ApplicationName", "MyShop"),
            ("PurchaseSdk:Kit:AccessToken", "token-from-config"),
            ("PurchaseSdk:Kit:BaseAddress", "https://kit.example.test"),
            ("PurchaseSdk:Kit:Resilience:MaxRetries", "5"),
            ("PurchaseSdk:Kit:Resilience:AttemptTimeout", "00:00:04"),
            ("PurchaseSdk:Kit:Resilience:CircuitBreaker:BreakDuration", "00:01:00")));
        services.AddPurchaseSdk().AddKit();
        using var provider = services.BuildServiceProvider();

        var kit = provider.GetRequiredService<IOptions<KitOptions>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(kit.AccessToken, Is.EqualTo("token-from-config"));
            Assert.That(kit.BaseAddress, Is.EqualTo(new Uri("https://kit.example.test")));
            Assert.That(kit.Resilience.MaxRetries, Is.EqualTo(5));
            Assert.That(kit.Resilience.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(4)));
            Assert.That(kit.Resilience.CircuitBreaker.BreakDuration, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(provider.GetRequiredService<IOptions<PurchaseSdkOptions>>().Value.ApplicationName, Is.EqualTo("MyShop"));
        });
    }

    [Test]
    public void Options_bind_from_an_explicit_section_and_code_configuration_wins()
    {
        var services = new ServiceCollection();
        var config = Config(("Commerce:Kit:AccessToken", "from-section"), ("Commerce:Kit:DefaultStatus", "complete"));
        services.AddPurchaseSdk(config.GetSection("Commerce")).AddKit(o => o.DefaultStatus = "paid-in-code");
        using var provider = services.BuildServiceProvider();

        var kit = provider.GetRequiredService<IOptions<KitOptions>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(kit.AccessToken, Is.EqualTo("from-section"));
            Assert.That(kit.DefaultStatus, Is.EqualTo("paid-in-code"));
            Assert.That(kit.BaseAddress, Is.EqualTo(KitOptions.DefaultBaseAddress));
        });
    }

    [Test]
    public void The_action_form_configures_the_sdk_options()
    {
        Assert.That(Sdk.Options<PurchaseSdkOptions>(s => s.AddPurchaseSdk(o => o.ApplicationName = "Coded")).ApplicationName, Is.EqualTo("Coded"));
    }

    [Test]
    public async Task A_missing_access_token_stops_the_host_at_start_naming_the_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPurchaseSdk(builder.Configuration.GetSection("PurchaseSdk")).AddKit();
        using var host = builder.Build();

        var error = (await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync()))!;

        Assert.That(error.Message, Does.Contain("PurchaseSdk:Kit:AccessToken is required"));
    }

    [Test]
    public void Configuration_errors_are_all_named_by_their_keys()
    {
        var services = new ServiceCollection();
        services.AddPurchaseSdk().AddKit(o =>
        {
            o.AccessToken = "token\r\nX-Injected: 1";
            o.BaseAddress = new Uri("http://kit.example.test");
            o.Resilience.MaxRetries = 99;
            o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(5);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<KitOptions>>().Value)!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Failures, Has.Some.Contains("PurchaseSdk:Kit:BaseAddress uses plain http on a non-loopback host"));
            Assert.That(error.Failures, Has.Some.Contains("PurchaseSdk:Kit:Resilience:MaxRetries must be between 0 and 10"));
            Assert.That(error.Failures, Has.Some.Contains("PurchaseSdk:Kit:Resilience:AttemptTimeout"));
            Assert.That(error.Failures, Has.Some.Contains("contains a line break"));
            Assert.That(error.Message, Does.Not.Contain("token\r\n"));
        });
    }

    [Test]
    public void Plain_http_is_allowed_on_loopback_and_when_explicitly_allowed()
    {
        foreach (var (address, allow) in new[] { ("http://127.0.0.1:8080", false), ("http://localhost:1", false), ("http://kit.internal", true) })
        {
            var services = new ServiceCollection();
            services.AddPurchaseSdk().AddKit(o =>
            {
                o.AccessToken = "t0ken";
                o.BaseAddress = new Uri(address);
                o.AllowInsecureHttp = allow;
            });
            using var provider = services.BuildServiceProvider();

            Assert.That(() => provider.GetRequiredService<IOptions<KitOptions>>().Value, Throws.Nothing, address);
        }
    }

    [Test]
    public void Adding_Kit_twice_registers_one_provider_and_one_pipeline()
    {
        var services = new ServiceCollection();
        services.AddPurchaseSdk().AddKit(o => o.AccessToken = "first").AddKit(o => o.DefaultStatus = "second");
        using var provider = services.BuildServiceProvider();

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetServices<IPurchaseProvider>().Count(), Is.EqualTo(1));
            Assert.That(provider.GetRequiredService<IOptions<KitOptions>>().Value.DefaultStatus, Is.EqualTo("second"));
            Assert.That(provider.GetRequiredService<IKitApi>(), Is.Not.Null);
        });
    }

    [Test]
    public void Kit_options_never_print_the_token()
    {
        var options = new KitOptions { AccessToken = "super-secret-token" };

        Assert.That(options.ToString(), Does.Not.Contain("super-secret-token"));
    }
}
