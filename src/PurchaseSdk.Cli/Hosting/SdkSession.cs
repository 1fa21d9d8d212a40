using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PurchaseSdk.Delivery;
using PurchaseSdk.Testing;

namespace PurchaseSdk.Cli.Hosting;

/// <summary>What a command needs from the SDK.</summary>
internal sealed class SessionNeeds
{
    /// <summary>The providers to report to: the configured ones (all five with <c>--sandbox</c>), or those named here.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary>False for commands that only read and change the delivery store: providers are added when configured, none is required.</summary>
    public bool RequireProviders { get; init; } = true;

    /// <summary>The delivery store, outbox and admin API.</summary>
    public bool Delivery { get; init; }
}

/// <summary>
/// The SDK as an application would host it, from the tool's configuration: <c>AddPurchaseSdk(configuration)</c> with the
/// configured providers, pointed at the sandbox with <c>--sandbox</c>, and durable delivery on the configured store (SQLite or PostgreSQL).
/// The delivery worker runs only once <see cref="StartWorkerAsync"/> is called.
/// </summary>
internal sealed class SdkSession : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly PurchaseSandbox? _ownedSandbox;
    private bool _started;

    private SdkSession(IHost host, IConfiguration configuration, IReadOnlyList<string> providers, PurchaseSandbox? sandbox, PurchaseSandbox? ownedSandbox, DeliveryStoreSetting? store)
    {
        _host = host;
        Configuration = configuration;
        Providers = providers;
        Sandbox = sandbox;
        _ownedSandbox = ownedSandbox;
        Store = store;
    }

    public IConfiguration Configuration { get; }

    /// <summary>The providers reported to, in registration order.</summary>
    public IReadOnlyList<string> Providers { get; }

    public PurchaseSandbox? Sandbox { get; }

    /// <summary>The delivery store (SQLite or PostgreSQL), when the command needs one.</summary>
    public DeliveryStoreSetting? Store { get; }

    public IServiceProvider Services => _host.Services;

    public IPurchaseReporter Reporter => Services.GetRequiredService<IPurchaseReporter>();

    public IPurchaseOutbox Outbox => Services.GetRequiredService<IPurchaseOutbox>();

    public IPurchaseDeliveryAdmin Admin => Services.GetRequiredService<IPurchaseDeliveryAdmin>();

    /// <summary>True when contexts are protected with a key ring that the configuration names (shared with the application).</summary>
    public bool HasConfiguredKeyRing => !string.IsNullOrWhiteSpace(Configuration["DataProtection:KeysDirectory"]);

    public static async Task<SdkSession> CreateAsync(CliContext context, GlobalSettings settings, SessionNeeds needs, CancellationToken cancellationToken)
    {
        var configuration = ToolConfiguration.Build(context, settings);
        var configured = settings.Sandbox ? [.. Hosting.Providers.Names] : Hosting.Providers.Configured(configuration);
        var providers = SelectProviders(configured, needs, settings.Sandbox);
        var store = needs.Delivery ? DeliveryStoreSetting.Read(configuration, context) : null;

        PurchaseSandbox? owned = null;
        var sandbox = settings.Sandbox ? context.Sandbox ?? (owned = PurchaseSandbox.Start()) : null;
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = context.WorkingDirectory });
            builder.Configuration.AddConfiguration(configuration);
            builder.Services.AddSingleton(context.Time);
            builder.Services.AddLogging(logging =>
            {
                logging.ClearProviders();
                if (settings.Verbose)
                {
                    logging.SetMinimumLevel(LogLevel.Information);
                    logging.AddSimpleConsole(o => o.SingleLine = true);
                    logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                }
            });
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

            var sdk = builder.Services.AddPurchaseSdk(configuration.GetSection("PurchaseSdk"));
            foreach (var provider in providers)
            {
                Hosting.Providers.Add(sdk, provider);
            }

            if (sandbox is not null)
            {
                sdk.UsePurchaseSandbox(sandbox);
            }

            if (store is not null)
            {
                sdk.AddDelivery(d => store.Use(d).Configure(o => o.RunWorker = true));
                var protection = builder.Services.AddDataProtection()
                    .SetApplicationName(configuration["DataProtection:ApplicationName"] is { Length: > 0 } name ? name : "purchasesdk");
                if (configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keys)
                {
                    protection.PersistKeysToFileSystem(new DirectoryInfo(context.FullPath(keys)));
                }
            }

            var host = builder.Build();
            var session = new SdkSession(host, configuration, providers, sandbox, owned, store);
            owned = null;
            try
            {
                if (providers.Count > 0)
                {
                    // Settings are checked as at an application's start (every message names its key), before anything runs.
                    host.Services.GetService<IStartupValidator>()?.Validate();
                }

                if (store is not null)
                {
                    await session.Admin.CountAsync(new DeliveryFilter(), cancellationToken); // opens (and creates) the store
                }
            }
            catch
            {
                await session.DisposeAsync();
                throw;
            }

            return session;
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    /// <summary>Starts the host: the delivery worker delivers what is due, with the SDK's rate limits and retries.</summary>
    public async Task StartWorkerAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            await _host.StartAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Adds the contexts the sandbox accepts to a purchase that has none (<c>--sandbox</c> only), and drops contexts of
    /// providers this session does not report to (they could not be stored, and nothing would read them).
    /// </summary>
    public Purchase Prepare(Purchase purchase)
    {
        if (Sandbox is not null && purchase.Contexts.Count == 0)
        {
            foreach (var context in Sandbox.CreateContexts("cart-" + purchase.OrderId))
            {
                purchase.Contexts.Add(context);
            }
        }

        var registered = Services.GetServices<PurchaseContextType>().Select(static t => t.Type).ToHashSet();
        if (purchase.Contexts.All(c => registered.Contains(c.GetType())))
        {
            return purchase;
        }

        var contexts = new PurchaseContexts();
        foreach (var context in purchase.Contexts.Where(c => registered.Contains(c.GetType())))
        {
            contexts.Add(context);
        }

        return Copy(purchase, contexts);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            try
            {
                await _host.StopAsync(CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                // Stopped past its shutdown time-out: the worker gave its deliveries back.
            }
        }

        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        Store?.ClearPools();
        if (_ownedSandbox is not null)
        {
            await _ownedSandbox.DisposeAsync();
        }
    }

    private static List<string> SelectProviders(List<string> configured, SessionNeeds needs, bool sandbox)
    {
        if (needs.Providers.Count == 0)
        {
            if (configured.Count == 0 && needs.RequireProviders)
            {
                throw new CliException(
                    ExitCodes.Configuration,
                    "No provider is configured: set at least one provider's credentials (for example PurchaseSdk:Kit:AccessToken in appsettings.json, user secrets or the environment variable PurchaseSdk__Kit__AccessToken), or use --sandbox.");
            }

            return configured;
        }

        var selected = new List<string>();
        foreach (var name in needs.Providers)
        {
            var provider = Hosting.Providers.Canonical(name)
                ?? throw new CliException(ExitCodes.Usage, $"'{name}' is not a provider; the providers are {string.Join(", ", Hosting.Providers.Names)}.");
            if (!configured.Contains(provider))
            {
                throw new CliException(ExitCodes.Configuration, $"{provider} is not configured: set {Hosting.Providers.RequiredKeys(provider)}{(sandbox ? string.Empty : ", or use --sandbox")}.");
            }

            if (!selected.Contains(provider))
            {
                selected.Add(provider);
            }
        }

        // Registration order, as reports list them.
        return [.. Hosting.Providers.Names.Where(selected.Contains)];
    }

    private static Purchase Copy(Purchase p, PurchaseContexts contexts) => (p.IsSubtotalSpecified, p.IsTotalSpecified) switch
    {
        (true, true) => new Purchase
        {
            OrderId = p.OrderId, Customer = p.Customer, Currency = p.Currency, Lines = p.Lines, Tax = p.Tax, Shipping = p.Shipping, Discount = p.Discount,
            OccurredAt = p.OccurredAt, Status = p.Status, Source = p.Source, Store = p.Store, Permalink = p.Permalink, Properties = p.Properties,
            Contexts = contexts, Subtotal = p.Subtotal, Total = p.Total,
        },
        (true, false) => new Purchase
        {
            OrderId = p.OrderId, Customer = p.Customer, Currency = p.Currency, Lines = p.Lines, Tax = p.Tax, Shipping = p.Shipping, Discount = p.Discount,
            OccurredAt = p.OccurredAt, Status = p.Status, Source = p.Source, Store = p.Store, Permalink = p.Permalink, Properties = p.Properties,
            Contexts = contexts, Subtotal = p.Subtotal,
        },
        (false, true) => new Purchase
        {
            OrderId = p.OrderId, Customer = p.Customer, Currency = p.Currency, Lines = p.Lines, Tax = p.Tax, Shipping = p.Shipping, Discount = p.Discount,
            OccurredAt = p.OccurredAt, Status = p.Status, Source = p.Source, Store = p.Store, Permalink = p.Permalink, Properties = p.Properties,
            Contexts = contexts, Total = p.Total,
        },
        _ => new Purchase
        {
            OrderId = p.OrderId, Customer = p.Customer, Currency = p.Currency, Lines = p.Lines, Tax = p.Tax, Shipping = p.Shipping, Discount = p.Discount,
            OccurredAt = p.OccurredAt, Status = p.Status, Source = p.Source, Store = p.Store, Permalink = p.Permalink, Properties = p.Properties,
            Contexts = contexts,
        },
    };
}
