using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PurchaseSdk.Delivery.PostgreSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the PostgreSQL store for durable delivery: one queue shared by every instance of the application.</summary>
public static class PostgreSqlDeliveryBuilderExtensions
{
    /// <summary>
    /// Stores deliveries in PostgreSQL. Settings bind from <c>PurchaseSdk:Delivery:PostgreSql</c>;
    /// <paramref name="connectionString"/>, when given, wins. Without a connection string the store uses the
    /// <see cref="NpgsqlDataSource"/> registered in the application's services (for example by <c>AddNpgsqlDataSource</c>).
    /// The schema is created (or checked) at start; a schema newer than this package knows stops the host with a message saying so.
    /// </summary>
    public static IPurchaseDeliveryBuilder UsePostgreSql(this IPurchaseDeliveryBuilder builder, string? connectionString = null, Action<PostgreSqlDeliveryStoreOptions>? configure = null) =>
        Register(builder, connectionString, dataSource: null, configure);

    /// <summary>
    /// Stores deliveries in PostgreSQL through the data source that <paramref name="dataSource"/> returns (for example a
    /// keyed one: <c>sp =&gt; sp.GetRequiredKeyedService&lt;NpgsqlDataSource&gt;("orders")</c>); the application owns it.
    /// Other settings bind from <c>PurchaseSdk:Delivery:PostgreSql</c>; its <c>ConnectionString</c> is not used.
    /// </summary>
    public static IPurchaseDeliveryBuilder UsePostgreSql(this IPurchaseDeliveryBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource, Action<PostgreSqlDeliveryStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return Register(builder, connectionString: null, dataSource, configure);
    }

    private static IPurchaseDeliveryBuilder Register(IPurchaseDeliveryBuilder builder, string? connectionString, Func<IServiceProvider, NpgsqlDataSource>? dataSource, Action<PostgreSqlDeliveryStoreOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStoreOptions<PostgreSqlDeliveryStoreOptions, PostgreSqlDeliveryStoreOptionsValidator>("PostgreSql", static (section, o) => section.Bind(o), o =>
        {
            o.ConnectionString = connectionString ?? o.ConnectionString;
            configure?.Invoke(o);
        });
        var services = builder.Services;
        services.RemoveAll<PostgreSqlDataSourceChoice>();
        services.AddSingleton(new PostgreSqlDataSourceChoice(dataSource));
        services.TryAddSingleton<PostgreSqlDeliveryDataSource>();
        builder.UseStore(static sp => new PostgreSqlDeliveryStore(
            sp.GetRequiredService<IOptions<PostgreSqlDeliveryStoreOptions>>().Value,
            sp.GetRequiredService<PostgreSqlDeliveryDataSource>().DataSource,
            sp.GetService<ILogger<PostgreSqlDeliveryStore>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlSchemaCheck>());
        return builder;
    }
}
