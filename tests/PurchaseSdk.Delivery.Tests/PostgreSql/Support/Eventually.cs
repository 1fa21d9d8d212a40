namespace PurchaseSdk.Delivery.Tests.PostgreSql.Support;

/// <summary>
/// Waits for a condition that another process or the database brings about (a listening connection, a server back
/// up), checking it every 50 ms and failing after a real-time limit: a failure detector, never a fixed sleep.
/// </summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, double seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what}: not within {seconds} s");
            }

            await Task.Delay(50);
        }
    }
}
