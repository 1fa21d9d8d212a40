using Npgsql;

namespace PurchaseSdk.Delivery.Tests.PostgreSql.Support;

/// <summary>A fresh database on the test server, dropped (with its connections) at the end.</summary>
internal sealed class TestDatabase : IDisposable, IAsyncDisposable
{
    private TestDatabase(string name)
    {
        Name = name;
        ConnectionString = PostgreSqlServer.ConnectionString(name);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A data source the test owns (full builder); stores get it without owning it.</summary>
    public NpgsqlDataSource DataSource { get; }

    public static TestDatabase Create(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
        using var command = PostgreSqlServer.Admin.CreateCommand($"CREATE DATABASE {name} STRATEGY FILE_COPY");
        command.ExecuteNonQuery();
        return new TestDatabase(name);
    }

    /// <summary>Runs <paramref name="sql"/> on this database and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        DataSource.Dispose();
        using var command = PostgreSqlServer.Admin.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var command = PostgreSqlServer.Admin.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }
}
