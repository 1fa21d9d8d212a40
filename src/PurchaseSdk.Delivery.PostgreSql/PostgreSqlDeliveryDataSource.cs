using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PurchaseSdk.Delivery.PostgreSql;

/// <summary>
/// The store's data source: the application's (chosen, or registered in its services), or one built from
/// <see cref="PostgreSqlDeliveryStoreOptions.ConnectionString"/> with Npgsql's slim (trimming- and AOT-friendly)
/// builder plus TLS, named <c>purchasesdk-delivery</c> in Npgsql's logs, traces and metrics; that one is disposed with
/// the services.
/// </summary>
internal sealed class PostgreSqlDeliveryDataSource : IAsyncDisposable, IDisposable
{
    /// <summary>The name of a data source built from the connection string, in Npgsql's own telemetry.</summary>
    public const string Name = "purchasesdk-delivery";

    private readonly NpgsqlDataSource? _owned;

    public PostgreSqlDeliveryDataSource(IServiceProvider services, PostgreSqlDataSourceChoice choice, IOptions<PostgreSqlDeliveryStoreOptions> options)
    {
        if (choice.Factory is { } factory)
        {
            DataSource = factory(services) ?? throw new InvalidOperationException("The data source given to UsePostgreSql(sp => ...) returned null.");
        }
        else if (options.Value.ConnectionString is { Length: > 0 } connectionString)
        {
            var builder = new NpgsqlSlimDataSourceBuilder(connectionString) { Name = Name };
            builder.EnableTransportSecurity();
            if (services.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                builder.UseLoggerFactory(loggerFactory);
            }

            DataSource = _owned = builder.Build();
        }
        else
        {
            DataSource = services.GetService<NpgsqlDataSource>() ?? throw new InvalidOperationException(PostgreSqlDeliveryStoreOptionsValidator.NoDataSource);
        }
    }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => _owned?.Dispose();
}
