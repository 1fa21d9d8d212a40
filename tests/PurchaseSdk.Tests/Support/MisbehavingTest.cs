namespace PurchaseSdk.Tests.Support;

/// <summary>
/// A test against a fresh <see cref="MisbehavingServer"/> and a fresh <see cref="TestClock"/> that skips only short
/// waits (backoff under 1 s); timeouts move only when the test advances the clock.
/// </summary>
public abstract class MisbehavingTest
{
    /// <summary>How long a call may take, in real time, once it should have ended: a failure detector, never a wait.</summary>
    protected static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    internal MisbehavingServer Server { get; private set; } = null!;

    internal TestClock Clock { get; private set; } = null!;

    [SetUp]
    public void StartServer()
    {
        Server = MisbehavingServer.Start();
        Clock = new TestClock { Skips = static due => due < TimeSpan.FromSeconds(1) };
    }

    private readonly List<ServiceProvider> _sdks = [];

    [TearDown]
    public async Task StopServer()
    {
        // The server first: that ends every stalled answer, so calls still in flight (in a failed test) can end too.
        await Server.DisposeAsync();
        foreach (var sdk in _sdks)
        {
            try
            {
                // Polly waits, on the injected (test) clock, for executions still in flight before it disposes a
                // pipeline; a call a failed test abandoned would make that wait forever.
                await sdk.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                TestContext.Progress.WriteLine("An SDK was left undisposed: a call was still in flight.");
            }
        }

        _sdks.Clear();
    }

    /// <summary>Disposes <paramref name="sdk"/> after the test, once the server is gone.</summary>
    internal ServiceProvider Track(ServiceProvider sdk)
    {
        _sdks.Add(sdk);
        return sdk;
    }

    /// <summary>
    /// Reports <paramref name="purchase"/> under the test clock (<see cref="Reports"/>): the outcome of
    /// <paramref name="provider"/>, or a failed test when the report has not ended within <see cref="Guard"/>.
    /// </summary>
    internal Task<ProviderOutcome> ReportAsync(IServiceProvider sdk, Purchase purchase, string provider) =>
        Within(sdk.ReportAsync(Clock, purchase, provider), "ReportAsync did not end");

    /// <summary>Sets the two timeouts of a provider.</summary>
    internal static void Timeouts(PurchaseSdk.Http.PurchaseProviderOptions options, TimeSpan attempt, TimeSpan total)
    {
        options.Resilience.AttemptTimeout = attempt;
        options.Resilience.TotalTimeout = total;
    }

    /// <summary>The result of <paramref name="task"/>, or a failed test saying <paramref name="failure"/> when it has not ended within <see cref="Guard"/>.</summary>
    internal static async Task<T> Within<T>(Task<T> task, string failure)
    {
        await Completes(task, failure);
        return await task;
    }

    /// <summary>Waits for <paramref name="task"/> to end (however it ends), failing the test with <paramref name="failure"/> after <see cref="Guard"/>.</summary>
    internal static async Task Completes(Task task, string failure)
    {
        try
        {
            await task.WaitAsync(Guard);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            Assert.Fail($"{failure} (nothing happened for {Guard.TotalSeconds:0} s of real time).");
        }
        catch (Exception) when (task.IsCompleted)
        {
            // How it ended is the caller's to assert.
        }
    }

    /// <summary>Every exception of a chain: the exception, its inner exceptions, and those of aggregates.</summary>
    internal static IEnumerable<Exception> Chain(Exception? exception)
    {
        var pending = new Stack<Exception>();
        if (exception is not null)
        {
            pending.Push(exception);
        }

        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }

    /// <summary>Describes an outcome for an assertion message: status, attempts, message and the error's type chain.</summary>
    internal static string Describe(ProviderOutcome outcome) =>
        $"{outcome} | error: {string.Join(" <- ", Chain(outcome.Error).Select(e => e.GetType().Name))}";
}
