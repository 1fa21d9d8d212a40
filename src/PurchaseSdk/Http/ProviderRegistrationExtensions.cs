using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PurchaseSdk.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Refit;

namespace PurchaseSdk.Http;

/// <summary>
/// The shared registration every HTTP provider package uses: its options bound and validated, and its Refit client
/// on one pipeline (deadline and failure translation ─► retry ─► circuit breaker ─► attempt timeout ─►
/// authentication ─► attempt facts and bounded body read ─► socket).
/// </summary>
public static class ProviderRegistrationExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TOptions"/> for <paramref name="providerName"/>: bound from
    /// <c>PurchaseSdk:&lt;providerName&gt;</c>, then <paramref name="configure"/>, then validated at start-up with
    /// messages that name the missing key. Returns false when the provider was already added (only
    /// <paramref name="configure"/> is applied again).
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="providerName">The provider name, which is also its configuration section.</param>
    /// <param name="bind">Binds a section onto the options (call <c>section.Bind(options)</c> from the provider package so the binding is source-generated for its type).</param>
    /// <param name="configure">The application's own configuration, applied after binding.</param>
    public static bool AddProviderOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IPurchaseSdkBuilder builder,
        string providerName,
        Action<IConfiguration, TOptions> bind,
        Action<TOptions>? configure)
        where TOptions : PurchaseProviderOptions
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(providerName);
        ArgumentNullException.ThrowIfNull(bind);

        var firstTime = PurchaseSdkRegistry.GetOrAdd(builder.Services).TryAdd(providerName);
        var options = builder.Services.AddOptions<TOptions>();
        if (firstTime)
        {
            var section = builder.Configuration;
            options.BindFrom(section?.GetSection(providerName), PurchaseSdkOptions.SectionName + ":" + providerName, bind);
            var path = (section is IConfigurationSection named ? named.Path : PurchaseSdkOptions.SectionName) + ":" + providerName;
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new ProviderOptionsValidator<TOptions>(path)));
            options.ValidateOnStart();
            builder.Services.AddSingleton<IProviderTotalTimeout>(sp => new ProviderTotalTimeout<TOptions>(providerName, sp.GetRequiredService<IOptionsMonitor<TOptions>>()));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return firstTime;
    }

    /// <summary>
    /// Adds an HTTP provider the way every packaged one is added: its options (<see cref="AddProviderOptions"/>), then,
    /// the first time only, its clients and context types (<paramref name="register"/>) and
    /// <typeparamref name="TProvider"/> itself. Adding it again only applies <paramref name="configure"/> again.
    /// </summary>
    /// <typeparam name="TProvider">The provider.</typeparam>
    /// <typeparam name="TOptions">Its options.</typeparam>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="providerName">The provider name, which is also its configuration section.</param>
    /// <param name="bind">Binds a section onto the options (<c>section.Bind(options)</c>, in the provider package).</param>
    /// <param name="configure">The application's own configuration, applied after binding.</param>
    /// <param name="register">Registers the provider's clients (<see cref="AddProviderHttpClient"/>) and context types.</param>
    public static IPurchaseSdkBuilder AddHttpProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IPurchaseSdkBuilder builder,
        string providerName,
        Action<IConfiguration, TOptions> bind,
        Action<TOptions>? configure,
        Action<IPurchaseSdkBuilder> register)
        where TProvider : class, Providers.IPurchaseProvider
        where TOptions : PurchaseProviderOptions
    {
        ArgumentNullException.ThrowIfNull(register);
        if (builder.AddProviderOptions(providerName, bind, configure))
        {
            register(builder);
            builder.AddProvider<TProvider>();
        }

        return builder;
    }

    /// <summary>
    /// Registers the Refit-generated client <typeparamref name="TApi"/> of <paramref name="providerName"/> on the
    /// shared pipeline. Its base address, timeouts and retries come from <typeparamref name="TOptions"/>.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="providerName">The provider name (the HttpClient is named <c>PurchaseSdk.&lt;providerName&gt;.&lt;Api&gt;</c>).</param>
    /// <param name="jsonContext">The provider's source-generated JSON context (no reflection serialization).</param>
    /// <param name="behavior">Provider-specific rules; <see cref="ProviderHttpBehavior.Default"/> when null.</param>
    /// <param name="authentication">Creates the provider's credential handler, which runs inside the retry policy.</param>
    /// <param name="baseAddress">
    /// Selects the client's address from the options, for a provider with several hosts; the default is
    /// <see cref="PurchaseProviderOptions.BaseAddress"/>.
    /// </param>
    /// <param name="role">What the client is for: the provider's API (the default) or its OAuth token endpoint.</param>
    public static IHttpClientBuilder AddProviderHttpClient<TApi, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IPurchaseSdkBuilder builder,
        string providerName,
        JsonSerializerContext jsonContext,
        ProviderHttpBehavior? behavior = null,
        Func<IServiceProvider, ProviderAuthenticationHandler>? authentication = null,
        Func<TOptions, Uri?>? baseAddress = null,
        ProviderClientRole role = ProviderClientRole.Api)
        where TApi : class
        where TOptions : PurchaseProviderOptions
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(providerName);
        ArgumentNullException.ThrowIfNull(jsonContext);
        behavior ??= ProviderHttpBehavior.Default;

        // One named client per API interface: PurchaseSdk.Kit.KitApi, PurchaseSdk.Scout.ScoutOAuthApi, ...
        var apiName = typeof(TApi).Name;
        var clientName = $"PurchaseSdk.{providerName}.{(apiName.Length > 1 && apiName[0] == 'I' && char.IsUpper(apiName[1]) ? apiName[1..] : apiName)}";
        var address = baseAddress ?? (static options => options.BaseAddress);
        var shared = new SharedClientParts<TOptions>(providerName, behavior, jsonContext);

        // One request budget per provider, shared by all its clients (the reporter's and the typed ones).
        builder.Services.TryAddKeyedSingleton(providerName, (sp, _) => new ProviderRateLimiter(
            providerName,
            () => sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue,
            behavior,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<PurchaseSdkMetrics>()));

        var http = builder.Services.AddRefitGeneratedClient<TApi>(shared.GetRefitSettings, clientName);
        http.ConfigureHttpClient((sp, client) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue;
            client.BaseAddress = address(options);
            client.Timeout = Timeout.InfiniteTimeSpan;
            var sdk = sp.GetRequiredService<IOptionsMonitor<PurchaseSdkOptions>>().CurrentValue;
            client.DefaultRequestHeaders.Remove("User-Agent");
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent.Build(sdk.ApplicationName));
        });
        http.ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue.Resilience.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            AllowAutoRedirect = false,
        });

        // Connections are recycled by PooledConnectionLifetime, so the handler chain (and its circuit state) lives on.
        http.SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        // IHttpClientFactory's default loggers put raw header values (credentials) in their structured state and
        // full URLs (emails, tokens) in their messages; provider clients log by route template instead.
        http.RemoveAllLoggers();
        http.AddLogger(
            sp => new ProviderHttpLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger("PurchaseSdk.Http." + providerName), providerName),
            wrapHandlersPipeline: true);
        http.AddHttpMessageHandler(sp => new ProviderFailureHandler(
            shared.GetErrorFactory(sp),
            behavior,
            sp.GetRequiredService<TimeProvider>(),
            () => sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue.Resilience,
            role));
        http.AddResilienceHandler("resilience", (pipeline, context) =>
        {
            context.EnableReloads<TOptions>();
            var resilience = context.ServiceProvider.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue.Resilience;
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var limiter = context.ServiceProvider.GetRequiredKeyedService<ProviderRateLimiter>(providerName);
            ConfigurePipeline(pipeline, resilience, behavior, time, role, limiter);
        });
        if (authentication is not null)
        {
            http.AddHttpMessageHandler(authentication);
        }

        http.AddHttpMessageHandler(sp => new AttemptTrackingHandler(
            role == ProviderClientRole.Api ? sp.GetRequiredKeyedService<ProviderRateLimiter>(providerName) : null,
            shared.GetErrorFactory(sp)));
        return http;
    }

    /// <summary>
    /// The resilience of one attempt sequence: retry ─► request budget ─► circuit breaker ─► attempt timeout. The call's
    /// deadline is not here: the outermost handler owns it, so it also covers token requests, look-ups and the waits
    /// between them. A token endpoint has only the attempt timeout: the call it is for retries it, it never opens the
    /// circuit, and it does not count against the budget.
    /// </summary>
    internal static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ProviderResilienceOptions resilience, ProviderHttpBehavior behavior, TimeProvider time, ProviderClientRole role = ProviderClientRole.Api, ProviderRateLimiter? limiter = null)
    {
        pipeline.TimeProvider = time;
        if (role == ProviderClientRole.Api)
        {
            if (resilience.MaxRetries > 0)
            {
                pipeline.AddRetry(new ProviderRetryPolicy(resilience, behavior, time).ToStrategyOptions());
            }

            if (limiter is not null)
            {
                pipeline.AddRateLimiter(new RateLimiterStrategyOptions
                {
                    RateLimiter = args => limiter.AcquireAsync(args.Context.GetRequestMessage(), args.Context.CancellationToken),
                });
            }

            var breaker = resilience.CircuitBreaker;
            if (breaker.Enabled)
            {
                pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
                {
                    FailureRatio = breaker.FailureRatio,
                    MinimumThroughput = breaker.MinimumThroughput,
                    SamplingDuration = breaker.SamplingDuration,
                    BreakDuration = breaker.BreakDuration,
                    ShouldHandle = static args => new ValueTask<bool>(HttpFailureClassifier.IsOutage(args.Outcome)),
                });
            }
        }

        pipeline.AddTimeout(resilience.AttemptTimeout);
    }

    /// <summary>What every client instance of one provider shares, built once (no per-call settings or serializers).</summary>
    private sealed class SharedClientParts<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>
        where TOptions : PurchaseProviderOptions
    {
        private readonly string _providerName;
        private readonly ProviderHttpBehavior _behavior;
        private readonly JsonSerializerContext _jsonContext;
        private RefitSettings? _settings;
        private ProviderErrorFactory? _errors;

        public SharedClientParts(string providerName, ProviderHttpBehavior behavior, JsonSerializerContext jsonContext)
        {
            _providerName = providerName;
            _behavior = behavior;
            _jsonContext = jsonContext;
        }

        public ProviderErrorFactory GetErrorFactory(IServiceProvider services) =>
            _errors ??= new ProviderErrorFactory(
                _providerName,
                _behavior,
                services.GetRequiredService<TimeProvider>(),
                () => services.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue.GetSecrets().Select(static s => s.Value));

        public RefitSettings GetRefitSettings(IServiceProvider services)
        {
            if (_settings is { } settings)
            {
                return settings;
            }

            var errors = GetErrorFactory(services);
            return _settings = new RefitSettings
            {
                ContentSerializer = new RequiredAnswerSerializer(_jsonContext),
                RequestBodySerialization = RequestBodySerializationMode.Buffered,
                Buffered = true,
                UrlParameterFormatter = new WireUrlParameterFormatter(),
                TransportExceptionFactory = static (_, exception, _) => exception,
                DeserializationExceptionFactory = async (response, exception) =>
                    await errors.FromUnreadableBodyAsync(response, exception).ConfigureAwait(false),
            };
        }
    }
}
