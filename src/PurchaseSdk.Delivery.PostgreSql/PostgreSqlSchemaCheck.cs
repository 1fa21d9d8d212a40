using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PurchaseSdk.Delivery.Storage;

namespace PurchaseSdk.Delivery.PostgreSql;

/// <summary>
/// Creates or checks the schema when the host starts, so that a schema newer than this package knows stops the host
/// with a clear message instead of a worker that fails at every poll. A database that cannot be reached yet does not
/// stop the host: the worker keeps trying.
/// </summary>
internal sealed class PostgreSqlSchemaCheck : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;

    public PostgreSqlSchemaCheck(IServiceProvider services, ILogger<PostgreSqlSchemaCheck> logger)
    {
        _services = services;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_services.GetRequiredService<IDeliveryStore>() is not PostgreSqlDeliveryStore store)
        {
            return;
        }

        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgreSqlSchemaException)
        {
            throw;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            PostgreSqlStoreLog.SchemaCheckDeferred(_logger, PostgreSqlDeliveryStore.Describe(exception));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
