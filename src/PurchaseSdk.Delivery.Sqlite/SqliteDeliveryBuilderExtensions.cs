using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PurchaseSdk.Delivery.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the embedded SQLite store for durable delivery.</summary>
public static class SqliteDeliveryBuilderExtensions
{
    /// <summary>
    /// Stores deliveries in a SQLite file. Settings bind from <c>PurchaseSdk:Delivery:Sqlite</c>;
    /// <paramref name="connectionString"/>, when given, wins (for example <c>Data Source=purchasesdk.db</c>).
    /// </summary>
    public static IPurchaseDeliveryBuilder UseSqlite(this IPurchaseDeliveryBuilder builder, string? connectionString = null, Action<SqliteDeliveryStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStoreOptions<SqliteDeliveryStoreOptions, SqliteDeliveryStoreOptionsValidator>("Sqlite", static (section, o) => section.Bind(o), o =>
        {
            o.ConnectionString = connectionString ?? o.ConnectionString;
            configure?.Invoke(o);
        });
        return builder.UseStore(static sp => new SqliteDeliveryStore(
            sp.GetRequiredService<IOptions<SqliteDeliveryStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
    }
}

internal sealed class SqliteDeliveryStoreOptionsValidator : IValidateOptions<SqliteDeliveryStoreOptions>
{
    private const string Key = "PurchaseSdk:Delivery:Sqlite";

    public ValidateOptionsResult Validate(string? name, SqliteDeliveryStoreOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{Key}:ConnectionString is required (for example \"Data Source=purchasesdk.db\"), or pass it to UseSqlite(...).");
        }
        else
        {
            try
            {
                _ = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException exception)
            {
                errors.Add($"{Key}:ConnectionString is not a valid SQLite connection string: {exception.Message}");
            }
        }

        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Key}:BusyTimeout must be positive (was {options.BusyTimeout}).");
        }

        if (string.IsNullOrEmpty(options.TablePrefix) || !options.TablePrefix.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            errors.Add($"{Key}:TablePrefix must be letters, digits and underscores (was '{options.TablePrefix}').");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
