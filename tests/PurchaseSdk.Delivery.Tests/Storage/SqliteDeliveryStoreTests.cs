using System.Data.Common;
using Microsoft.Data.Sqlite;
using PurchaseSdk.Delivery.Sqlite;

namespace PurchaseSdk.Delivery.Tests.Storage;

/// <summary>The store contract on a SQLite file, plus what only SQLite has: WAL mode and connections of other types.</summary>
public sealed class SqliteDeliveryStoreTests : DeliveryStoreContract
{
    protected override IStoreDatabase CreateDatabase() => new SqliteDatabase();

    [Test]
    public async Task The_file_is_in_WAL_mode()
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("wal"));
    }

    [Test]
    public async Task A_connection_of_another_database_is_refused()
    {
        var request = new DeliveryEnqueueRequest { OrderId = "o", Providers = ["Kit"], Payload = "{}", SchemaVersion = 1 };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.EnqueueAsync(request, new NotSqlite(), null, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("SqliteConnection"));
    }

    private sealed class SqliteDatabase : IStoreDatabase
    {
        private readonly TempDatabase _file = new();

        public IDeliveryStore CreateStore(TimeProvider time) =>
            new SqliteDeliveryStore(new SqliteDeliveryStoreOptions { ConnectionString = _file.ConnectionString }, time);

        public async Task<DbConnection> OpenConnectionAsync()
        {
            var connection = new SqliteConnection(_file.ConnectionString);
            await connection.OpenAsync();
            return connection;
        }

        public void Dispose() => _file.Dispose();
    }

    private sealed class NotSqlite : DbConnection
    {
#pragma warning disable CS8765
        public override string ConnectionString { get; set; } = string.Empty;
#pragma warning restore CS8765
        public override string Database => "x";

        public override string DataSource => "x";

        public override string ServerVersion => "x";

        public override System.Data.ConnectionState State => System.Data.ConnectionState.Open;

        public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

        public override void Close()
        {
        }

        public override void Open()
        {
        }

        protected override DbTransaction BeginDbTransaction(System.Data.IsolationLevel isolationLevel) => throw new NotSupportedException();

        protected override DbCommand CreateDbCommand() => throw new NotSupportedException();
    }
}
