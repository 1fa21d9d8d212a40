using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using PurchaseSdk.Http;
using PurchaseSdk.Kit;
using PurchaseSdk.Providers;
using Refit;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// <c>--layers</c>: where the per-call cost goes, for one Kit purchase (mapped per call in every layer), after a
/// time-based warm-up. It builds the call up from the raw one to the peer, then takes the SDK's whole client and
/// removes one part at a time (ablation: the part's cost is the full client minus the client without it), then adds
/// the provider and the reporter. Per layer: bytes allocated per call, µs per call one at a time, and client CPU µs and
/// wall µs per call with 64 in flight; medians of interleaved rounds. A diagnostic, not a benchmark.
/// </summary>
internal static class LayerBreakdown
{
    private const string KitClientPrefix = "PurchaseSdk.Kit.";

    public static async Task RunAsync(string[] args)
    {
        var warmup = TimeSpan.FromSeconds(Probe.IntOption(args, "--warmup", 60));
        var rounds = Probe.IntOption(args, "--rounds", 5);
        var window = TimeSpan.FromMilliseconds(Probe.IntOption(args, "--window-ms", 1000));

        await using var scenario = await Scenario.StartAsync(TimeSpan.Zero, "Kit");
        var server = scenario.Server;
        var purchase = Scenario.Purchase(1);
        Console.WriteLine($"Provider server: {server.Url} ({(server.OutOfProcess ? "own process: allocations and CPU below are the client's only" : "in this process: allocations and CPU include the server's")})");

        using var bareClient = new HttpClient(Scenario.NewPrimaryHandler()) { BaseAddress = server.Provider("kit/") };
        bareClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Scenario.KitToken);
        var bareDefault = RestService.ForGenerated<IKitApi>(bareClient, new RefitSettings { ContentSerializer = SystemTextJsonContentSerializer.ForContext(KitJsonContext.Default) });
        var bareBuffered = RestService.ForGenerated<IKitApi>(bareClient, new RefitSettings
        {
            ContentSerializer = SystemTextJsonContentSerializer.ForContext(KitJsonContext.Default),
            RequestBodySerialization = RequestBodySerializationMode.Buffered,
            Buffered = true,
        });
        await using var peerNoResilience = Scenario.BuildPeer(server.Url, resilience: false);
        var peerBare = peerNoResilience.GetRequiredService<IKitApi>();

        var kitUrl = server.Provider("kit/");
        await using var full = BuildSdk(kitUrl);
        await using var noAttempt = BuildSdk(kitUrl, s => s.AddSingleton<IHttpMessageHandlerBuilderFilter>(new RemoveHandlers("AttemptTrackingHandler")));
        await using var noAuth = BuildSdk(kitUrl, s =>
        {
            s.AddSingleton<IHttpMessageHandlerBuilderFilter>(new RemoveHandlers("BearerTokenHandler"));
            s.ConfigureHttpClientDefaults(b => b.ConfigureHttpClient(c => c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Scenario.KitToken)));
        });
        await using var timeoutOnly = BuildSdk(kitUrl, kit: o => { o.Resilience.MaxRetries = 0; o.Resilience.CircuitBreaker.Enabled = false; });
        await using var noPolly = BuildSdk(kitUrl, s => s.AddSingleton<IHttpMessageHandlerBuilderFilter>(new RemoveHandlers("ResilienceHandler")));
        await using var noFailure = BuildSdk(kitUrl, s => s.AddSingleton<IHttpMessageHandlerBuilderFilter>(new RemoveHandlers("ProviderFailureHandler")));
        await using var noLogger = BuildSdk(kitUrl, s => s.AddHttpClient(KitClientPrefix + "KitApi").RemoveAllLoggers());
        await using var bare = BuildSdk(kitUrl, s => s.AddSingleton<IHttpMessageHandlerBuilderFilter>(new RemoveHandlers("*")));

        PrintChain();
        var provider = full.GetServices<IPurchaseProvider>().Single(p => p.Name == "Kit");

        Func<Task> Typed(ServiceProvider services)
        {
            var api = services.GetRequiredService<IKitApi>();
            return () => api.CreatePurchaseAsync(KitPurchaseMapper.Map(purchase, "paid"));
        }

        var layers = new Layer[]
        {
            new("raw HttpClient (fair)", () => scenario.RawKitAsync(purchase)),
            new("Refit, bare HttpClient", () => bareDefault.CreatePurchaseAsync(KitPurchaseMapper.Map(purchase, "paid"))),
            new("Refit, bare, buffered body", () => bareBuffered.CreatePurchaseAsync(KitPurchaseMapper.Map(purchase, "paid"))),
            new("Refit + IHttpClientFactory", () => peerBare.CreatePurchaseAsync(KitPurchaseMapper.Map(purchase, "paid"))),
            new("peer (+ standard resilience)", () => scenario.PeerKitAsync(purchase)),
            new("SDK client, no SDK handler", Typed(bare)),
            new("SDK IKitApi (whole pipeline)", Typed(full)),
            new("  - AttemptTrackingHandler", Typed(noAttempt)),
            new("  - BearerTokenHandler", Typed(noAuth)),
            new("  - retry, breaker (timeout only)", Typed(timeoutOnly)),
            new("  - ResilienceHandler (no Polly)", Typed(noPolly)),
            new("  - ProviderFailureHandler", Typed(noFailure)),
            new("  - ProviderHttpLogger", Typed(noLogger)),
            new("provider.ReportAsync (no reporter)", () => provider.ReportAsync(purchase, CancellationToken.None)),
            new("SDK ReportAsync", () => scenario.SdkAsync(purchase)),
        };

        foreach (var layer in layers)
        {
            await layer.Call();
        }

        Console.WriteLine($"Warm-up: {warmup.TotalSeconds:0} s, every layer in turn, 64 in flight and one at a time ...");
        var warmEnd = DateTime.UtcNow + warmup;
        var warmRounds = 0;
        while (DateTime.UtcNow < warmEnd)
        {
            foreach (var layer in layers)
            {
                await Probe.ConcurrentAsync(layer.Call, 64, TimeSpan.FromMilliseconds(400));
                await Probe.SequentialAsync(layer.Call, TimeSpan.FromMilliseconds(200));
            }

            warmRounds++;
        }

        Console.WriteLine($"  {warmRounds} warm-up rounds ({warmRounds * 0.6:0.0} s of load per layer).");
        var results = layers.Select(_ => new List<(Window One, Window Many)>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var l = 0; l < layers.Length; l++)
            {
                var one = await Probe.SequentialAsync(layers[l].Call, window);
                var many = await Probe.ConcurrentAsync(layers[l].Call, 64, window);
                results[l].Add((one, many));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Kit, medians of {rounds} interleaved rounds of {window.TotalMilliseconds:0} ms each:");
        Console.WriteLine($"  {"layer",-36} {"B/call",8} {"µs 1-at-a-time",15} {"CPU µs @64",11} {"wall µs @64",12}");
        for (var l = 0; l < layers.Length; l++)
        {
            var r = results[l];
            Console.WriteLine(
                $"  {layers[l].Name,-36} {Probe.Bytes(Probe.Median(r.Select(x => x.One.AllocatedBytes))),8} {Probe.Micros(Probe.Median(r.Select(x => x.One.WallMicros))),15} " +
                $"{Probe.Micros(Probe.Median(r.Select(x => x.Many.CpuMicros))),11} {Probe.Micros(Probe.Median(r.Select(x => x.Many.WallMicros))),12}");
        }

        Console.WriteLine("A '-' layer is the whole SDK client without that part; its cost is the difference to the whole client.");
    }

    /// <summary>An SDK with Kit only, optionally changed.</summary>
    private static ServiceProvider BuildSdk(Uri kitUrl, Action<IServiceCollection>? tweak = null, Action<KitOptions>? kit = null)
    {
        var services = new ServiceCollection();
        services.AddPurchaseSdk().AddKit(o =>
        {
            o.BaseAddress = kitUrl;
            o.AccessToken = Scenario.KitToken;
            Scenario.NeverBinding(o);
            kit?.Invoke(o);
        });
        tweak?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private static void PrintChain()
    {
        var seen = new List<string>();
        using var services = BuildSdk(new Uri("http://127.0.0.1:9/"), s => s.AddSingleton<IHttpMessageHandlerBuilderFilter>(new CaptureHandlers(seen)));
        _ = services.GetRequiredService<IKitApi>();
        Console.WriteLine("SDK Kit client handlers, outermost first: " + string.Join(" → ", seen) + " → SocketsHttpHandler");
    }

    /// <summary>Removes handlers of the given type name (or all, with <c>*</c>) from the SDK's Kit client, and says when none matched.</summary>
    private sealed class RemoveHandlers(string typeName) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            if (builder.Name?.StartsWith(KitClientPrefix, StringComparison.Ordinal) != true)
            {
                return;
            }

            var removed = 0;
            for (var i = builder.AdditionalHandlers.Count - 1; i >= 0; i--)
            {
                if (typeName == "*" || builder.AdditionalHandlers[i].GetType().Name == typeName)
                {
                    builder.AdditionalHandlers.RemoveAt(i);
                    removed++;
                }
            }

            if (removed == 0 && typeName != "*")
            {
                Console.WriteLine($"  note: no {typeName} in {builder.Name}; that ablation row equals the whole client.");
            }
        };
    }

    private sealed class CaptureHandlers(List<string> seen) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            if (builder.Name?.StartsWith(KitClientPrefix, StringComparison.Ordinal) == true)
            {
                seen.AddRange(builder.AdditionalHandlers.Select(h => h.GetType().Name));
            }
        };
    }
}
