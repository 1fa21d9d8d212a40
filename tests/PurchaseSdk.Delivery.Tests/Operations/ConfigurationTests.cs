using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PurchaseSdk.Delivery.Sqlite;

namespace PurchaseSdk.Delivery.Tests.Operations;

/// <summary>Settings bind from PurchaseSdk:Delivery (and :Sqlite) and are validated at start, naming the key.</summary>
public sealed class ConfigurationTests
{
    private static IHost Build(Dictionary<string, string?> settings, Action<IPurchaseDeliveryBuilder> delivery, bool sectionOverload = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var sdk = sectionOverload ? builder.Services.AddPurchaseSdk(builder.Configuration.GetSection("PurchaseSdk")) : builder.Services.AddPurchaseSdk();
        sdk.AddKit(o => o.AccessToken = "token").AddDelivery(delivery);
        return builder.Build();
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Settings_bind_from_PurchaseSdk_Delivery_and_its_Sqlite_section(bool sectionOverload)
    {
        using var database = new TempDatabase();
        using var host = Build(
            new()
            {
                ["PurchaseSdk:Delivery:MaxAge"] = "12:00:00",
                ["PurchaseSdk:Delivery:LeaseDuration"] = "00:02:00",
                ["PurchaseSdk:Delivery:MaxConcurrency"] = "3",
                ["PurchaseSdk:Delivery:RunWorker"] = "false",
                ["PurchaseSdk:Delivery:Sqlite:ConnectionString"] = database.ConnectionString,
                ["PurchaseSdk:Delivery:Sqlite:TablePrefix"] = "shop_",
            },
            d => d.UseSqlite(),
            sectionOverload);

        var options = host.Services.GetRequiredService<IOptions<PurchaseDeliveryOptions>>().Value;
        Assert.That((options.MaxAge, options.LeaseDuration, options.MaxConcurrency, options.RunWorker), Is.EqualTo((TimeSpan.FromHours(12), TimeSpan.FromMinutes(2), 3, false)));
        var sqlite = host.Services.GetRequiredService<IOptions<SqliteDeliveryStoreOptions>>().Value;
        Assert.That((sqlite.ConnectionString, sqlite.TablePrefix), Is.EqualTo((database.ConnectionString, "shop_")));
        Assert.That(host.Services.GetRequiredService<IDeliveryStore>(), Is.TypeOf<SqliteDeliveryStore>());
    }

    [Test]
    public void A_connection_string_given_to_UseSqlite_wins_over_configuration()
    {
        using var host = Build(new() { ["PurchaseSdk:Delivery:Sqlite:ConnectionString"] = "Data Source=configured.db" }, d => d.UseSqlite("Data Source=code.db"));
        Assert.That(host.Services.GetRequiredService<IOptions<SqliteDeliveryStoreOptions>>().Value.ConnectionString, Is.EqualTo("Data Source=code.db"));
    }

    [Test]
    public async Task Bad_settings_fail_the_start_with_messages_that_name_the_key()
    {
        using var host = Build(
            new()
            {
                ["PurchaseSdk:Delivery:MaxAge"] = "-00:00:01",
                ["PurchaseSdk:Delivery:MaxConcurrency"] = "0",
                ["PurchaseSdk:Delivery:RetryBaseDelay"] = "02:00:00",
            },
            d => d.UseSqlite());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var messages = string.Join("\n", error!.Failures);
        Assert.That(messages, Does.Contain("PurchaseSdk:Delivery:MaxAge must be positive"));
        Assert.That(messages, Does.Contain("PurchaseSdk:Delivery:MaxConcurrency"));
        Assert.That(messages, Does.Contain("PurchaseSdk:Delivery:RetryBaseDelay"));
    }

    [Test]
    public async Task A_missing_connection_string_or_store_fails_the_start_and_says_how_to_fix_it()
    {
        using (var noConnection = Build([], d => d.UseSqlite()))
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => noConnection.StartAsync());
            Assert.That(error!.Message, Does.Contain("PurchaseSdk:Delivery:Sqlite:ConnectionString is required"));
        }

        using var noStore = Build([], _ => { });
        var missing = await Assert.ThrowsAsync<OptionsValidationException>(() => noStore.StartAsync());
        Assert.That(missing!.Message, Does.Contain("UseSqlite"));
    }
}
