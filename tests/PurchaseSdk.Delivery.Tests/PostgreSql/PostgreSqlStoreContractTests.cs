using System.Data.Common;
using PurchaseSdk.Delivery.PostgreSql;
using PurchaseSdk.Delivery.Tests.Storage;

namespace PurchaseSdk.Delivery.Tests.PostgreSql;

/// <summary>
/// The store contract on PostgreSQL, each test in a fresh database. The fixture moves a fake clock, so these stores
/// take "now" from it (sent as a parameter) instead of the database's <c>now()</c>; the tests next to this one run on
/// the database's clock.
/// </summary>
public sealed class PostgreSqlStoreContractTests : DeliveryStoreContract
{
    protected override IStoreDatabase CreateDatabase() => new PostgreSqlDatabase(TestDatabase.Create("contract"));

    private sealed class PostgreSqlDatabase : IStoreDatabase
    {
        private readonly TestDatabase _database;

        public PostgreSqlDatabase(TestDatabase database) => _database = database;

        public IDeliveryStore CreateStore(TimeProvider time) =>
            new PostgreSqlDeliveryStore(new PostgreSqlDeliveryStoreOptions(), _database.DataSource, logger: null, clock: time);

        public async Task<DbConnection> OpenConnectionAsync() => await _database.DataSource.OpenConnectionAsync();

        public void Dispose() => _database.Dispose();
    }
}
