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

    /// <summary>How many purchases a Drip list page holds. Default 100, as Drip pages.</summary>
    public int DripPageSize { get; init; } = 100;
}
