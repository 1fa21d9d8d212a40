using WireMock.Server;

namespace PurchaseSdk.Tests.Support;

/// <summary>A test against a fresh WireMock stub and a fresh <see cref="TestClock"/>.</summary>
public abstract class StubbedTest
{
    /// <summary>The provider stub, on a free loopback port.</summary>
    protected WireMockServer Server { get; private set; } = null!;

    /// <summary>The injected clock.</summary>
    internal TestClock Clock { get; private set; } = null!;

    [SetUp]
    public void StartStub()
    {
        Server = WireMockServer.Start();
        Clock = new TestClock();
    }

    [TearDown]
    public void StopStub() => Server.Dispose();
}
