using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PurchaseSdk.Configuration;
using PurchaseSdk.Delivery;
using PurchaseSdk.Delivery.Admin;
using PurchaseSdk.Delivery.Diagnostics;
using PurchaseSdk.Delivery.Outbox;
using PurchaseSdk.Delivery.Payload;
using PurchaseSdk.Delivery.Storage;
using PurchaseSdk.Delivery.Worker;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds durable delivery: <c>services.AddPurchaseSdk(...).AddKit().AddDelivery(d => d.UseSqlite("Data Source=purchasesdk.db"))</c>.</summary>
public static class PurchaseDeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IPurchaseOutbox"/>, <see cref="IPurchaseDeliveryAdmin"/> and the delivery worker (a hosted
    /// service). Settings bind from <c>PurchaseSdk:Delivery</c>, then <paramref name="configure"/> applies; it must choose a
    /// store, for example <c>d.UseSqlite(...)</c>. Contexts are protected with ASP.NET Core data protection
    /// (<c>AddDataProtection()</c> is called; configure its key storage and application name so every instance shares one key ring).
    /// </summary>
    public static IPurchaseSdkBuilder AddDelivery(this IPurchaseSdkBuilder builder, Action<IPurchaseDeliveryBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var section = builder.Configuration?.GetSection("Delivery");
        var delivery = new PurchaseDeliveryBuilder(services, section);

        var options = services.AddOptions<PurchaseDeliveryOptions>()
            .BindFrom(section, PurchaseDeliveryOptions.SectionName, static (section, o) => section.Bind(o));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PurchaseDeliveryOptions>, PurchaseDeliveryOptionsValidator>());
        options.ValidateOnStart();
        services.AddOptions<StorePresence>()
            .Validate<IEnumerable<IDeliveryStore>>(static (_, stores) => stores.Any(), "PurchaseSdk durable delivery has no store: choose one in AddDelivery(d => d.UseSqlite(\"Data Source=purchasesdk.db\")), or set PurchaseSdk:Delivery:Sqlite:ConnectionString and call d.UseSqlite().")
            .ValidateOnStart();

        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<DeliverySignal>();
        services.TryAddSingleton<DeliveryPayloadSerializer>();
        services.TryAddSingleton<PurchaseDeliveryMetrics>();
        services.TryAddSingleton<IPurchaseOutbox, PurchaseOutbox>();
        services.TryAddSingleton<IPurchaseDeliveryAdmin, PurchaseDeliveryAdmin>();
        services.TryAddSingleton<PurchaseDeliveryWorker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PurchaseDeliveryWorkerHost>());
        configure?.Invoke(delivery);
        return builder;
    }

    /// <summary>Applies <paramref name="configure"/> to the delivery settings, after binding.</summary>
    public static IPurchaseDeliveryBuilder Configure(this IPurchaseDeliveryBuilder builder, Action<PurchaseDeliveryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// <b>For store implementers.</b> Registers a store's options: bound from <c>PurchaseSdk:Delivery:&lt;storeName&gt;</c>
    /// with <paramref name="bind"/> (pass <c>(section, o) =&gt; section.Bind(o)</c> so the binding is source-generated in
    /// your assembly), then <paramref name="configure"/> applies; <typeparamref name="TValidator"/> checks them at start.
    /// </summary>
    public static OptionsBuilder<TOptions> AddStoreOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(
        this IPurchaseDeliveryBuilder builder, string storeName, Action<IConfiguration, TOptions> bind, Action<TOptions>? configure = null)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(storeName);
        ArgumentNullException.ThrowIfNull(bind);
        var options = builder.Services.AddOptions<TOptions>()
            .BindFrom(builder.Configuration?.GetSection(storeName), PurchaseDeliveryOptions.SectionName + ":" + storeName, bind);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return options.ValidateOnStart();
    }

    /// <summary>
    /// <b>For store implementers.</b> Makes the store that <paramref name="create"/> builds the one store of durable
    /// delivery, replacing the store registered before. Choose one store per application: the settings of a store
    /// chosen earlier stay registered and are still validated at start.
    /// </summary>
    public static IPurchaseDeliveryBuilder UseStore(this IPurchaseDeliveryBuilder builder, Func<IServiceProvider, IDeliveryStore> create)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(create);
        builder.Services.RemoveAll<IDeliveryStore>();
        builder.Services.AddSingleton(create);
        return builder;
    }

    /// <summary>
    /// Adds the durable-delivery health check: Degraded when the oldest pending delivery waited longer than
    /// <c>PurchaseSdk:Delivery:HealthDegradedAfter</c> or a delivery is parked as Indeterminate, Unhealthy past
    /// <c>HealthUnhealthyAfter</c> or when the store cannot be read.
    /// </summary>
    public static IHealthChecksBuilder AddPurchaseDelivery(this IHealthChecksBuilder builder, string name = "purchasesdk-delivery", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<PurchaseDeliveryHealthCheck>();
        return builder.Add(new HealthCheckRegistration(name, static sp => sp.GetRequiredService<PurchaseDeliveryHealthCheck>(), failureStatus, tags));
    }

    /// <summary>Nothing but the start-up check that a store was chosen.</summary>
    private sealed class StorePresence
    {
    }
}

/// <summary>Runs the worker unless <see cref="PurchaseDeliveryOptions.RunWorker"/> is false.</summary>
internal sealed class PurchaseDeliveryWorkerHost : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly bool _run;
    private PurchaseDeliveryWorker? _worker;

    public PurchaseDeliveryWorkerHost(IServiceProvider services, IOptions<PurchaseDeliveryOptions> options)
    {
        _services = services;
        _run = options.Value.RunWorker;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_run)
        {
            return Task.CompletedTask;
        }

        _worker = _services.GetRequiredService<PurchaseDeliveryWorker>();
        return _worker.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _worker?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}

/// <summary>Checks the delivery settings at start-up, naming the configuration key of each problem.</summary>
internal sealed class PurchaseDeliveryOptionsValidator : IValidateOptions<PurchaseDeliveryOptions>
{
    private const string Key = PurchaseDeliveryOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PurchaseDeliveryOptions options)
    {
        var errors = new List<string>();
        Positive(options.MaxAge, "MaxAge", errors);
        Positive(options.LeaseDuration, "LeaseDuration", errors);
        Positive(options.PollInterval, "PollInterval", errors);
        Positive(options.RetryBaseDelay, "RetryBaseDelay", errors);
        Positive(options.RetryMaxDelay, "RetryMaxDelay", errors);
        Positive(options.HealthDegradedAfter, "HealthDegradedAfter", errors);
        Positive(options.HealthUnhealthyAfter, "HealthUnhealthyAfter", errors);
        if (options.MaxConcurrency is < 1 or > 1024)
        {
            errors.Add($"{Key}:MaxConcurrency must be between 1 and 1024 (was {options.MaxConcurrency}).");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            errors.Add($"{Key}:BatchSize must be between 1 and 1000 (was {options.BatchSize}).");
        }

        if (options.RetryBaseDelay > options.RetryMaxDelay)
        {
            errors.Add($"{Key}:RetryBaseDelay ({options.RetryBaseDelay}) must not exceed {Key}:RetryMaxDelay ({options.RetryMaxDelay}).");
        }

        if (options.HealthDegradedAfter > options.HealthUnhealthyAfter)
        {
            errors.Add($"{Key}:HealthDegradedAfter ({options.HealthDegradedAfter}) must not exceed {Key}:HealthUnhealthyAfter ({options.HealthUnhealthyAfter}).");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1) && options.LeaseDuration > TimeSpan.Zero)
        {
            errors.Add($"{Key}:LeaseDuration must be at least 1 s; it must outlast a whole provider call.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(TimeSpan value, string name, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{Key}:{name} must be positive (was {value}).");
        }
    }
}
