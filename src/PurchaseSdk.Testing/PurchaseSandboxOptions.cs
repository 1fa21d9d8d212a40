namespace PurchaseSdk.Testing;

/// <summary>Settings of a <see cref="PurchaseSandbox"/>.</summary>
public sealed class PurchaseSandboxOptions
{
    /// <summary>The credentials the sandbox accepts. Defaults are fixed sandbox values.</summary>
    public SandboxCredentials Credentials { get; init; } = new();

    /// <summary>The sandbox's clock (Elastic Path token expiry, Rundl dates). Pass a fake clock to expire tokens in tests.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long an Elastic Path token lives. Default one hour, as Elastic Path issues them.</summary>
    public TimeSpan ElasticPathTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether each emulator keeps its provider's documented request budget (Kit 600 per 60 s per token, Drip 3,600 an
    /// hour, Elastic Path 100 a second) and answers 429 exactly as the provider does once it is spent. Windows run on
    /// <see cref="Time"/>. Default false.
    /// </summary>
    public bool EmulateRateLimits { get; init; }

    /// <summary>How many purchases a Drip list page holds. Default 100, as Drip pages.</summary>
    public int DripPageSize { get; init; } = 100;
}
