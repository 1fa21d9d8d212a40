using NUnit.Framework.Constraints;
using PurchaseSdk.Http;
using PurchaseSdk.Tests.Reliability;
using WireMock.Server;

namespace PurchaseSdk.Tests.Support;

/// <summary>A test against a fresh WireMock stub and a fresh <see cref="TestClock"/>.</summary>
public abstract class StubbedTest
{
    /// <summary>The provider stub, on a free loopback port.</summary>
    protected WireMockServer Server { get; private set; } = null!;

    /// <summary>The injected clock.</summary>
    internal TestClock Clock { get; private set; } = null!;

    /// <summary>The request targets exactly as the SDKs of <see cref="ReportAsync{TOptions}"/> wrote them.</summary>
    internal RequestTargets Targets { get; private set; } = null!;

    [SetUp]
    public void StartStub()
    {
        Server = WireMockServer.Start();
        Clock = new TestClock();
        Targets = new RequestTargets();
    }

    [TearDown]
    public void StopStub() => Server.Dispose();

    /// <summary>
    /// Builds the SDK with the provider of <typeparamref name="TOptions"/> pointed at the stub (recording
    /// <see cref="Targets"/>), reports <paramref name="purchase"/> under the clock, and returns that provider's outcome.
    /// </summary>
    internal Task<ProviderOutcome> ReportAsync<TOptions>(Purchase purchase, Action<TOptions>? configure = null, Action<IServiceCollection>? services = null)
        where TOptions : PurchaseProviderOptions =>
        Clock.ReportAsync(
            () => Sdk.Build(Server, Clock, configure, s =>
            {
                Targets.AddTo(s);
                services?.Invoke(s);
            }),
            purchase,
            ProviderCase.For<TOptions>().Name);

    /// <summary>Asserts that the provider was skipped, saying <paramref name="message"/>, and that nothing reached the stub.</summary>
    internal void AssertSkippedWithoutSending(ProviderOutcome outcome, IResolveConstraint message) =>
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(ProviderOutcomeStatus.Skipped), outcome.Message);
            Assert.That(outcome.Message, message);
            Assert.That(outcome.Attempts, Is.Zero);
            Assert.That(Server.LogEntries, Is.Empty, "nothing was sent");
        });
}
