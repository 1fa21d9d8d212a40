using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PurchaseSdk.Delivery.PostgreSql;

/// <summary>Checks the PostgreSQL store's settings at start-up, naming the configuration key of each problem and never echoing a connection string.</summary>
internal sealed class PostgreSqlDeliveryStoreOptionsValidator : IValidateOptions<PostgreSqlDeliveryStoreOptions>
{
    public const string NoDataSource =
        "PurchaseSdk durable delivery on PostgreSQL has no database: set PurchaseSdk:Delivery:PostgreSql:ConnectionString, pass it to UsePostgreSql(\"...\"), " +
        "register an NpgsqlDataSource in the services (AddNpgsqlDataSource), or pass one with UsePostgreSql(sp => ...).";

    private const string Key = "PurchaseSdk:Delivery:PostgreSql";
    private readonly IServiceProviderIsService _isService;
    private readonly PostgreSqlDataSourceChoice _choice;

    public PostgreSqlDeliveryStoreOptionsValidator(IServiceProviderIsService isService, PostgreSqlDataSourceChoice choice)
    {
        _isService = isService;
        _choice = choice;
    }

    public ValidateOptionsResult Validate(string? name, PostgreSqlDeliveryStoreOptions options)
    {
        var errors = new List<string>();
        if (_choice.Factory is null)
        {
            if (options.ConnectionString is { Length: > 0 } connectionString)
            {
                if (Problem(connectionString) is { } problem)
                {
                    errors.Add($"{Key}:ConnectionString is not a valid Npgsql connection string ({problem}).");
                }
            }
            else if (!_isService.IsService(typeof(NpgsqlDataSource)))
            {
                errors.Add(NoDataSource);
            }
        }

        if (!PostgreSqlSchema.IsValidName(options.Schema))
        {
            errors.Add($"{Key}:Schema must be lower-case letters, digits and underscores, starting with a letter or underscore, at most 40 characters (was '{options.Schema}').");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>What is wrong with the connection string, in words that never repeat one of its values (a password).</summary>
    private static string? Problem(string connectionString)
    {
        try
        {
            var settings = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrEmpty(settings.Host) ? "it names no Host" : null;
        }
        catch (ArgumentException exception) when (exception.ParamName is { Length: > 0 } keyword)
        {
            // Npgsql names the keyword ("Couldn't set port"); its inner message may quote the value, so it is not shown.
            return $"the keyword '{keyword}' is unknown or its value cannot be read";
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException or InvalidOperationException)
        {
            return "its format cannot be read: " + exception.GetType().Name;
        }
    }
}
