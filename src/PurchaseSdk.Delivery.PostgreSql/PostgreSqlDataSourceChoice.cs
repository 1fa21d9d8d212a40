using Npgsql;

namespace PurchaseSdk.Delivery.PostgreSql;

/// <summary>The data source the application chose with <c>UsePostgreSql(sp =&gt; ...)</c>, if any.</summary>
internal sealed class PostgreSqlDataSourceChoice
{
    public PostgreSqlDataSourceChoice(Func<IServiceProvider, NpgsqlDataSource>? factory) => Factory = factory;

    public Func<IServiceProvider, NpgsqlDataSource>? Factory { get; }
}
