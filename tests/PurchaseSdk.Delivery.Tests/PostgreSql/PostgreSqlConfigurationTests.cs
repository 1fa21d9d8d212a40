using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using PurchaseSdk.Delivery.PostgreSql;

namespace PurchaseSdk.Delivery.Tests.PostgreSql;

/// <summary>
/// The PostgreSQL store from configuration (<c>PurchaseSdk:Delivery:PostgreSql</c>) or from the application's
/// <see cref="NpgsqlDataSource"/>; bad settings fail the start naming the key, never echoing the connection string.
/// </summary>
public sealed class PostgreSqlConfigurationTests
{
    private static IHost Build(Dictionary<string, string?> settings, Action<IPurchaseDeliveryBuilder> delivery, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPurchaseSdk(builder.Configuration.GetSection("PurchaseSdk"))
            .AddKit(o => o.AccessToken = "token")
            .AddDelivery(d => delivery(d.Configure(o => o.RunWorker = false)));
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    private static Purchase Purchase(string orderId) => new()
    {
        OrderId = orderId,
        Customer = new Customer { Email = "ada@example.com" },
        Currency = "USD",
        Lines = [new PurchaseLine { Name = "Canoe", Sku = "4444", Quantity = 1, UnitPrice = 49m }],
    };

    [Test]
    public async Task Settings_bind_from_PurchaseSdk_Delivery_PostgreSql_and_the_host_start_creates_the_schema()
    {
        await using var database = TestDatabase.Create("config");
        using var host = Build(
            new()
            {
                ["PurchaseSdk:Delivery:PostgreSql:ConnectionString"] = database.ConnectionString,
                ["PurchaseSdk:Delivery:PostgreSql:Schema"] = "shop_outbox",
                ["PurchaseSdk:Delivery:PostgreSql:Notifications"] = "false",
            },
            d => d.UsePostgreSql());

        var options = host.Services.GetRequiredService<IOptions<PostgreSqlDeliveryStoreOptions>>().Value;
        Assert.That((options.ConnectionString, options.Schema, options.AutoCreateSchema, options.Notifications), Is.EqualTo((database.ConnectionString, "shop_outbox", true, false)));
        Assert.That(host.Services.GetRequiredService<IDeliveryStore>(), Is.TypeOf<PostgreSqlDeliveryStore>());

        await host.StartAsync();
        Assert.That(await database.ScalarAsync("SELECT max(version) FROM shop_outbox.schema_version"), Is.EqualTo(1), "created at start");
        var result = await host.Services.GetRequiredService<IPurchaseOutbox>().EnqueueAsync(Purchase("order-1"));
        Assert.That(result.AlreadyEnqueued, Is.False);
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM shop_outbox.deliveries WHERE order_id = 'order-1'"), Is.EqualTo(1));
        await host.StopAsync();
    }

    [Test]
    public async Task Without_a_connection_string_the_application_s_NpgsqlDataSource_is_used_and_a_chosen_one_wins()
    {
        await using var registered = TestDatabase.Create("config");
        await using var chosen = TestDatabase.Create("config");

        using (var host = Build([], d => d.UsePostgreSql(), s => s.AddSingleton(registered.DataSource)))
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<IPurchaseOutbox>().EnqueueAsync(Purchase("order-1"));
            await host.StopAsync();
        }

        using (var host = Build(
            new() { ["PurchaseSdk:Delivery:PostgreSql:ConnectionString"] = registered.ConnectionString },
            d => d.UsePostgreSql(sp => sp.GetRequiredKeyedService<NpgsqlDataSource>("orders")),
            s => s.AddKeyedSingleton("orders", chosen.DataSource)))
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<IPurchaseOutbox>().EnqueueAsync(Purchase("order-2"));
            await host.StopAsync();
        }

        Assert.That(await registered.ScalarAsync("SELECT string_agg(order_id, ',') FROM purchasesdk.orders"), Is.EqualTo("order-1"));
        Assert.That(await chosen.ScalarAsync("SELECT string_agg(order_id, ',') FROM purchasesdk.orders"), Is.EqualTo("order-2"));
        Assert.That(registered.DataSource.CreateConnection(), Is.Not.Null, "the application's data source is not disposed by the SDK");
    }

    [Test]
    public async Task Missing_or_bad_settings_fail_the_start_naming_the_key_and_never_the_password()
    {
        using (var nothing = Build([], d => d.UsePostgreSql()))
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => nothing.StartAsync());
            Assert.That(error!.Message, Does.Contain("PurchaseSdk:Delivery:PostgreSql:ConnectionString").And.Contain("NpgsqlDataSource"));
        }

        const string Secret = "s3cret-Passw0rd";
        using var bad = Build(
            new()
            {
                ["PurchaseSdk:Delivery:PostgreSql:ConnectionString"] = $"Host=db.internal;Password={Secret};Colour=blue",
                ["PurchaseSdk:Delivery:PostgreSql:Schema"] = "My-Schema",
            },
            d => d.UsePostgreSql());
        var bothWrong = await Assert.ThrowsAsync<OptionsValidationException>(() => bad.StartAsync());
        Assert.That(bothWrong!.Message, Does.Contain("PurchaseSdk:Delivery:PostgreSql:ConnectionString is not a valid Npgsql connection string").And.Contain("colour"));
        Assert.That(bothWrong.Message, Does.Contain("PurchaseSdk:Delivery:PostgreSql:Schema"));
        Assert.That(bothWrong.ToString(), Does.Not.Contain(Secret));

        using var badValue = Build(new() { ["PurchaseSdk:Delivery:PostgreSql:ConnectionString"] = $"Host=db.internal;Password={Secret};Port=fifty" }, d => d.UsePostgreSql());
        var wrongValue = await Assert.ThrowsAsync<OptionsValidationException>(() => badValue.StartAsync());
        Assert.That(wrongValue!.Message, Does.Contain("is not a valid Npgsql connection string"));
        Assert.That(wrongValue.ToString(), Does.Not.Contain(Secret));
        await Task.CompletedTask;
    }

    [Test]
    public async Task A_schema_newer_than_the_package_stops_the_host_at_start_with_the_reason()
    {
        await using var database = TestDatabase.Create("config");
        using (var store = new PostgreSqlDeliveryStore(new PostgreSqlDeliveryStoreOptions(), database.DataSource))
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        await database.ExecuteAsync("INSERT INTO purchasesdk.schema_version (version, description) VALUES (7, 'the future')");
        using var host = Build(new() { ["PurchaseSdk:Delivery:PostgreSql:ConnectionString"] = database.ConnectionString }, d => d.UsePostgreSql());

        var error = await Assert.CatchAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.That(error!.Message, Does.Contain("version 7, newer than"));
    }
}
