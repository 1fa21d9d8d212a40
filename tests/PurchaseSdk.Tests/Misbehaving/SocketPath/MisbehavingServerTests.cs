using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text;

namespace PurchaseSdk.Tests.Misbehaving.SocketPath;

/// <summary>
/// The harness itself, with a plain <see cref="HttpClient"/>: the loopback server really misbehaves as scripted, and
/// a connection to the unconnectable endpoint really hangs. If these fail, the regression tests prove nothing.
/// </summary>
public sealed class MisbehavingServerTests : MisbehavingTest
{
    private static HttpClient Client(Uri address) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };

    [Test]
    public async Task It_records_each_request_and_answers_in_order_on_one_kept_alive_connection()
    {
        Server.On("POST", "/things", Reply.Status(201, """{"id":1}"""), Reply.Status(503, "busy", "text/plain", ("Retry-After", "2")));
        using var client = Client(Server.Url);

        using var first = await client.PostAsync("/things?x=1", new StringContent("""{"a":"tøken"}""", Encoding.UTF8, "application/json"));
        using var second = await client.PostAsync("/things", new StringContent("b"));
        using var third = await client.GetAsync("/nowhere");

        var requests = Server.Requests;
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((int)first.StatusCode, Is.EqualTo(201));
            Assert.That(await first.Content.ReadAsStringAsync(), Is.EqualTo("""{"id":1}"""));
            Assert.That((int)second.StatusCode, Is.EqualTo(503));
            Assert.That(second.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That((int)third.StatusCode, Is.EqualTo(404));
            Assert.That(requests.Select(r => r.ToString()), Is.EqualTo(new[] { "#1 POST /things?x=1", "#2 POST /things", "#3 GET /nowhere" }));
            Assert.That(requests[0].Body, Is.EqualTo("""{"a":"tøken"}"""));
            Assert.That(requests[0].Header("content-type"), Does.StartWith("application/json"));
            Assert.That(Server.ConnectionCount, Is.EqualTo(1), "keep-alive");
            Assert.That((await Server.Arrival("POST", "/things", 2)).Number, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_stalled_body_stalls_the_reader_until_the_server_is_disposed()
    {
        Server.On("GET", "/", Reply.HeadersThenStall(200, "{\"par", declaredLength: 100));
        using var client = Client(Server.Url);
        using var probe = new HttpClientProbe(Server.Port);

        using var response = await client.GetAsync("/", HttpCompletionOption.ResponseHeadersRead);
        await Completes(probe.HeadersReceived(1), "the probe never saw the headers");
        var body = response.Content.ReadAsStringAsync();
        var arrived = await Server.Arrival(1);
        Assert.That(body.IsCompleted, Is.False, "the body is still stalled");

        await Server.DisposeAsync();

        await Completes(body, "disposing the server did not end the stalled body");
        Assert.Multiple(() =>
        {
            Assert.That(arrived.Method, Is.EqualTo("GET"));
            Assert.That(body.IsFaulted, Is.True, "the stalled answer ended early: " + body.Status);
        });
    }

    [Test]
    public async Task A_dropped_or_unread_connection_fails_the_client_without_an_answer()
    {
        Server.On("POST", "/drop", Reply.Drop(reset: true));
        Server.On("POST", "/never", Reply.NoAnswer());
        using var client = Client(Server.Url);

        var dropped = await Assert.CatchAsync<HttpRequestException>(() => client.PostAsync("/drop", new StringContent("x")));
        var never = client.PostAsync("/never", new StringContent("y"));
        await Server.Arrival("POST", "/never");
        Server.FaultNextConnections(ConnectionFault.CloseBeforeReading);
        using var other = Client(Server.Url);
        var closed = await Assert.CatchAsync<HttpRequestException>(() => other.PostAsync("/drop", new StringContent("z")));

        Assert.Multiple(() =>
        {
            Assert.That(dropped, Is.Not.Null);
            Assert.That(closed, Is.Not.Null);
            Assert.That(never.IsCompleted, Is.False);
        });
        await Server.DisposeAsync();
        await Completes(never, "disposing the server did not end the unanswered request");
    }

    [Test]
    public async Task A_half_open_connection_accepts_and_never_reads()
    {
        Server.FaultNextConnections(ConnectionFault.NeverRead);
        using var client = Client(Server.Url);

        var post = client.PostAsync("/x", new StringContent("never read"));
        await Server.ConnectionAccepted(1);

        Assert.Multiple(() =>
        {
            Assert.That(post.IsCompleted, Is.False);
            Assert.That(Server.Requests, Is.Empty);
        });
        await Server.DisposeAsync();
        await Completes(post, "disposing the server did not end the half-open connection");
    }

    [Test]
    public async Task A_trickled_body_arrives_byte_by_byte_and_completes()
    {
        Server.On("GET", "/", Reply.Trickle(200, "abc", TimeSpan.FromMilliseconds(5)));
        using var client = Client(Server.Url);

        var body = await Within(client.GetStringAsync("/"), "the trickled body never completed");

        Assert.That(body, Is.EqualTo("abc"));
    }

    [Test]
    public void A_connection_to_the_unconnectable_endpoint_hangs_in_SYN_SENT()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("SYN_SENT is read from /proc/net/tcp");
        }

        using var endpoint = new UnconnectableEndpoint();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var connect = socket.ConnectAsync(endpoint.EndPoint);

        var pending = endpoint.IsConnectPending(((IPEndPoint)socket.LocalEndPoint!).Port);

        Assert.Multiple(() =>
        {
            Assert.That(pending, Is.True, "the kernel completed or refused the connection instead of leaving it in SYN_SENT");
            Assert.That(connect.IsCompleted, Is.False);
        });
    }

    [Test]
    public void The_library_build_under_test_targets_the_same_framework_as_this_test_assembly()
    {
        static string? Target(Assembly assembly) => assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;

        var sdk = Target(typeof(IPurchaseReporter).Assembly);
        var tests = Target(typeof(MisbehavingServerTests).Assembly);
        TestContext.Out.WriteLine($"runtime .NET {Environment.Version}; tests {tests}; PurchaseSdk {sdk}");

        Assert.That(sdk, Is.EqualTo(tests), "the net8.0 test project must exercise the net8.0 build of the libraries");
    }
}
