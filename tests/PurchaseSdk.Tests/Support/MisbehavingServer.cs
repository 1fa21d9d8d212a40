using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PurchaseSdk.Tests.Support;

/// <summary>One request as it arrived on the wire at a <see cref="MisbehavingServer"/>.</summary>
/// <param name="Number">Its 1-based position among every request the server read.</param>
/// <param name="Method">The method (<c>POST</c>).</param>
/// <param name="Target">The request target exactly as sent: path and query (<c>/v2/orders?filter=…</c>).</param>
/// <param name="Headers">Every header line, in order (a name may repeat).</param>
/// <param name="Body">The body, decoded as UTF-8 (empty when there was none).</param>
internal sealed record RecordedRequest(int Number, string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    /// <summary>The path, without the query.</summary>
    public string Path => Target.Split('?', 2)[0];

    /// <summary>The first value of a header (case-insensitive name), or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public override string ToString() => $"#{Number} {Method} {Target}";
}

/// <summary>What a <see cref="MisbehavingServer"/> does with a connection before reading anything from it.</summary>
internal enum ConnectionFault
{
    /// <summary>Accept it and never read from it (a half-open peer): the client's bytes sit in the socket buffers.</summary>
    NeverRead,

    /// <summary>Accept it and close it at once, before reading anything.</summary>
    CloseBeforeReading,
}

/// <summary>How a <see cref="MisbehavingServer"/> answers one request (after reading all of it).</summary>
internal abstract class Reply
{
    private Reply(string description) => Description = description;

    public string Description { get; }

    public override string ToString() => Description;

    /// <summary>Writes the answer. Returns true when the connection can carry another request (keep-alive).</summary>
    internal abstract Task<bool> WriteAsync(Socket socket, Stream stream, CancellationToken stopping);

    /// <summary>A complete, well-formed answer.</summary>
    public static Reply Status(int status, string? body = null, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        new Complete(status, body ?? string.Empty, contentType, headers);

    /// <summary>A complete answer with an empty body and <c>Content-Length: 0</c>.</summary>
    public static Reply Empty(int status) => new Complete(status, string.Empty, contentType: null, []);

    /// <summary>
    /// The status line and headers (announcing <paramref name="declaredLength"/> bytes), then <paramref name="partialBody"/>,
    /// then nothing more until the server is disposed.
    /// </summary>
    public static Reply HeadersThenStall(int status, string partialBody = "", int declaredLength = 4096, string contentType = "application/json") =>
        new Stalling(status, partialBody, declaredLength, contentType);

    /// <summary>
    /// The status line and headers (announcing <paramref name="declaredLength"/> bytes), then <paramref name="body"/> one
    /// byte every <paramref name="interval"/> of real time; when the declared length is longer than the body, the
    /// answer stalls after it until the server is disposed.
    /// </summary>
    public static Reply Trickle(int status, string body, TimeSpan interval, int? declaredLength = null, string contentType = "application/json") =>
        new Trickling(status, body, interval, declaredLength ?? Encoding.UTF8.GetByteCount(body), contentType);

    /// <summary>A well-formed JSON answer of <paramref name="bytes"/> bytes, streamed as fast as the client reads.</summary>
    public static Reply OversizedBody(int status, long bytes) => new Oversized(status, bytes);

    /// <summary>A well-formed answer carrying one header value of <paramref name="bytes"/> bytes.</summary>
    public static Reply OversizedHeader(int status, int bytes) =>
        new Complete(status, "{}", "application/json", [("X-Oversized", new string('h', bytes))]);

    /// <summary>Reads the request, then closes the connection without answering (a reset when <paramref name="reset"/>).</summary>
    public static Reply Drop(bool reset = false) => new Dropping(reset);

    /// <summary>Reads the request and never answers (not even the status line) until the server is disposed.</summary>
    public static Reply NoAnswer() => new Silent();

    /// <summary>Waits for <paramref name="release"/> (the test's signal) without answering, then does <paramref name="then"/>.</summary>
    public static Reply After(Task release, Reply then) => new Delayed(release, then);

    private static string StatusLine(int status) =>
        string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n");

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => ((HttpStatusCode)status).ToString(),
    };

    private static byte[] Head(int status, string? contentType, long contentLength, IEnumerable<(string Name, string Value)> headers)
    {
        var text = new StringBuilder(StatusLine(status));
        if (contentType is not null)
        {
            text.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Content-Length: {contentLength}\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task StallAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class Complete(int status, string body, string? contentType, (string Name, string Value)[] headers)
        : Reply($"{status} with {Encoding.UTF8.GetByteCount(body)} byte(s)")
    {
        internal override async Task<bool> WriteAsync(Socket socket, Stream stream, CancellationToken stopping)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            await stream.WriteAsync(Head(status, bytes.Length == 0 && contentType is null ? null : contentType, bytes.Length, headers), stopping).ConfigureAwait(false);
            await stream.WriteAsync(bytes, stopping).ConfigureAwait(false);
            await stream.FlushAsync(stopping).ConfigureAwait(false);
            return true;
        }
    }

    private sealed class Stalling(int status, string partialBody, int declaredLength, string contentType)
        : Reply($"{status} headers then a stalled body")
    {
        internal override async Task<bool> WriteAsync(Socket socket, Stream stream, CancellationToken stopping)
        {
            await stream.WriteAsync(Head(status, contentType, declaredLength, []), stopping).ConfigureAwait(false);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(partialBody), stopping).ConfigureAwait(false);
            await stream.FlushAsync(stopping).ConfigureAwait(false);
            await StallAsync(stopping).ConfigureAwait(false);
            return false;
        }
    }

    private sealed class Trickling(int status, string body, TimeSpan interval, int declaredLength, string contentType)
        : Reply($"{status} headers then a body trickling one byte every {interval.TotalMilliseconds} ms")
    {
        internal override async Task<bool> WriteAsync(Socket socket, Stream stream, CancellationToken stopping)
        {
            await stream.WriteAsync(Head(status, contentType, declaredLength, []), stopping).ConfigureAwait(false);
            await stream.FlushAsync(stopping).ConfigureAwait(false);
            var bytes = Encoding.UTF8.GetBytes(body);
            using var timer = new PeriodicTimer(interval);
            foreach (var b in bytes)
            {
                if (!await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
                {
                    return false;
                }

                await stream.WriteAsync(new[] { b }, stopping).ConfigureAwait(false);
                await stream.FlushAsync(stopping).ConfigureAwait(false);
            }

            if (bytes.Length < declaredLength)
            {
                await StallAsync(stopping).ConfigureAwait(false);
                return false;
            }

            return true;
        }
    }

    private sealed class Oversized(int status, long bytes) : Reply($"{status} with an oversized body of {bytes} bytes")
    {
        internal override async Task<bool> WriteAsync(Socket socket, Stream stream, CancellationToken stopping)
        {
            var prefix = "{\"padding\":\""u8.ToArray();
            var suffix = "\"}"u8.ToArray();
            await stream.WriteAsync(Head(status, "application/json", bytes, []), stopping).ConfigureAwait(false);
            await stream.WriteAsync(prefix, stopping).ConfigureAwait(false);
            var chunk = Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();
            for (var left = bytes - prefix.Length - suffix.Length; left > 0; left -= chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(left, chunk.Length)), stopping).ConfigureAwait(false);
            }

            await stream.WriteAsync(suffix, stopping).ConfigureAwait(false);
            await stream.FlushAsync(stopping).ConfigureAwait(false);
            return false;
        }
    }

    private sealed class Dropping(bool reset) : Reply(reset ? "reset after reading the request" : "closed after reading the request")
    {
        internal override Task<bool> WriteAsync(Socket socket, Stream stream, CancellationToken stopping)
        {
            if (reset)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            socket.Close();
            return Task.FromResult(false);
        }
    }

    private sealed class Silent() : Reply("no answer")
    {
        internal override async Task<bool> WriteAsync(Socket socket, Stream stream, CancellationToken stopping)
        {
            await StallAsync(stopping).ConfigureAwait(false);
            return false;
        }
    }

    private sealed class Delayed(Task release, Reply then) : Reply($"after a signal: {then.Description}")
    {
        internal override async Task<bool> WriteAsync(Socket socket, Stream stream, CancellationToken stopping)
        {
            try
            {
                await release.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            return await then.WriteAsync(socket, stream, stopping).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// A real HTTP/1.1 server on a loopback <see cref="TcpListener"/> that reads each request (headers, then a
/// <c>Content-Length</c> or chunked body) and then answers, or misbehaves, as the test scripted it: per route, a
/// sequence of <see cref="Reply"/> values (the last one repeats), or a function of the request. It records every
/// request and lets a test await "request N has arrived", so tests never sleep. Disposing it ends every stalled
/// answer and closes every connection.
/// </summary>
internal sealed class MisbehavingServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<Route> _routes = [];
    private readonly List<Waiter> _waiters = [];
    private readonly Queue<ConnectionFault> _connectionFaults = new();
    private readonly List<Socket> _connections = [];
    private readonly List<Task> _serving = [];
    private readonly Task _accepting;
    private readonly CountSignal _accepted = new();
    private int _disposed;

    private MisbehavingServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>The server's address, <c>http://127.0.0.1:port</c>.</summary>
    public Uri Url { get; }

    /// <summary>The port it listens on.</summary>
    public int Port => Url.Port;

    /// <summary>Every request read so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>How many connections were accepted so far.</summary>
    public int ConnectionCount => _accepted.Count;

    public static MisbehavingServer Start() => new();

    /// <summary>
    /// Answers requests of <paramref name="method"/> whose path starts with <paramref name="pathPrefix"/> with
    /// <paramref name="replies"/> in order; the last one answers every later request. Routes are tried in the order
    /// they were added; a request no route matches gets a 404.
    /// </summary>
    public MisbehavingServer On(string method, string pathPrefix, params Reply[] replies)
    {
        ArgumentOutOfRangeException.ThrowIfZero(replies.Length);
        return On(method, pathPrefix, (_, n) => replies[Math.Min(n, replies.Length) - 1]);
    }

    /// <summary>Answers requests of a route with a function of the request and its 1-based number on the route.</summary>
    public MisbehavingServer On(string method, string pathPrefix, Func<RecordedRequest, int, Reply> reply)
    {
        lock (_gate)
        {
            _routes.Add(new Route(method, pathPrefix, reply));
        }

        return this;
    }

    /// <summary>Applies <paramref name="faults"/> to the next connections accepted, one each, before reading anything.</summary>
    public void FaultNextConnections(params ConnectionFault[] faults)
    {
        lock (_gate)
        {
            foreach (var fault in faults)
            {
                _connectionFaults.Enqueue(fault);
            }
        }
    }

    /// <summary>Completes when the <paramref name="n"/>-th request (of any route, 1-based) has been read completely.</summary>
    public Task<RecordedRequest> Arrival(int n) => Arrival(static _ => true, n);

    /// <summary>Completes when the <paramref name="n"/>-th request of a route has been read completely.</summary>
    public Task<RecordedRequest> Arrival(string method, string pathPrefix, int n = 1) =>
        Arrival(r => Matches(r, method, pathPrefix), n);

    /// <summary>Completes when the <paramref name="n"/>-th connection has been accepted.</summary>
    public Task ConnectionAccepted(int n) => _accepted.ReachedAsync(n);

    /// <summary>The requests of a route read so far.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string pathPrefix) =>
        [.. Requests.Where(r => Matches(r, method, pathPrefix))];

    /// <summary>How many requests of a route were read so far.</summary>
    public int CountOf(string method, string pathPrefix) => RequestsTo(method, pathPrefix).Count;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        Task[] serving;
        lock (_gate)
        {
            foreach (var connection in _connections)
            {
                try
                {
                    connection.LingerState = new LingerOption(true, 0);
                    connection.Close();
                }
                catch (ObjectDisposedException)
                {
                }
            }

            serving = [.. _serving];
            foreach (var waiter in _waiters)
            {
                waiter.Done.TrySetCanceled();
            }

            _accepted.CancelWaits();
        }

        await Task.WhenAll([_accepting, .. serving]).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static bool Matches(RecordedRequest request, string method, string pathPrefix) =>
        (method == "*" || string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase))
        && request.Path.StartsWith(pathPrefix, StringComparison.Ordinal);

    private Task<RecordedRequest> Arrival(Func<RecordedRequest, bool> match, int n)
    {
        lock (_gate)
        {
            var seen = _requests.Where(match).ToList();
            if (seen.Count >= n)
            {
                return Task.FromResult(seen[n - 1]);
            }

            var waiter = new Waiter(match, n, new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
            return waiter.Done.Task;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_gate)
            {
                if (_stopping.IsCancellationRequested)
                {
                    socket.Close();
                    return;
                }

                _connections.Add(socket);
                _accepted.Add();

                _serving.Add(Task.Run(() => ServeAsync(socket)));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        ConnectionFault? fault = null;
        lock (_gate)
        {
            if (_connectionFaults.Count > 0)
            {
                fault = _connectionFaults.Dequeue();
            }
        }

        try
        {
            switch (fault)
            {
                case ConnectionFault.CloseBeforeReading:
                    socket.Close();
                    return;
                case ConnectionFault.NeverRead:
                    await Task.Delay(Timeout.Infinite, _stopping.Token).ConfigureAwait(false);
                    return;
            }

            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new RequestReader(stream);
            while (!_stopping.IsCancellationRequested)
            {
                var request = await reader.ReadAsync(_stopping.Token).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                var reply = Record(request);
                if (!await reply.WriteAsync(socket, stream, _stopping.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client went away, or the server is being disposed.
        }
        finally
        {
            try
            {
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private Reply Record(RecordedRequest request)
    {
        lock (_gate)
        {
            request = request with { Number = _requests.Count + 1 };
            _requests.Add(request);
            foreach (var waiter in _waiters.ToList())
            {
                var matching = _requests.Where(waiter.Match).ToList();
                if (matching.Count >= waiter.N)
                {
                    waiter.Done.TrySetResult(matching[waiter.N - 1]);
                    _waiters.Remove(waiter);
                }
            }

            foreach (var route in _routes)
            {
                if (Matches(request, route.Method, route.PathPrefix))
                {
                    var n = _requests.Count(r => Matches(r, route.Method, route.PathPrefix));
                    return route.Reply(request, n);
                }
            }
        }

        return Reply.Status(404, $"no route for {request.Method} {request.Path}", "text/plain");
    }

    private sealed record Route(string Method, string PathPrefix, Func<RecordedRequest, int, Reply> Reply);

    private sealed record Waiter(Func<RecordedRequest, bool> Match, int N, TaskCompletionSource<RecordedRequest> Done);

    /// <summary>Reads HTTP/1.1 requests off one connection, keeping bytes that belong to the next one.</summary>
    private sealed class RequestReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<RecordedRequest?> ReadAsync(CancellationToken cancellationToken)
        {
            var head = await ReadHeadAsync(cancellationToken).ConfigureAwait(false);
            if (head is null)
            {
                return null;
            }

            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            }

            string Value(string name) => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty;

            byte[] body;
            if (Value("Transfer-Encoding").Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var length = int.TryParse(Value("Content-Length"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 0;
                body = await ReadExactlyAsync(length, cancellationToken).ConfigureAwait(false);
            }

            return new RecordedRequest(0, requestLine[0], requestLine.Length > 1 ? requestLine[1] : string.Empty, headers, Encoding.UTF8.GetString(body));
        }

        private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
        private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

        /// <summary>The request head (request line and headers), or null when the connection ends first.</summary>
        private Task<string?> ReadHeadAsync(CancellationToken cancellationToken) => ReadUntilAsync(HeadEnd, cancellationToken);

        private async Task<byte[]> ReadExactlyAsync(int length, CancellationToken cancellationToken)
        {
            var body = new byte[length];
            var copied = 0;
            while (copied < length)
            {
                if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new IOException("The request body ended early.");
                }

                var take = Math.Min(length - copied, _end - _start);
                Array.Copy(_buffer, _start, body, copied, take);
                _start += take;
                copied += take;
            }

            return body;
        }

        private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
        {
            var body = new List<byte>();
            while (true)
            {
                var sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
                var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                    {
                        // Trailers are ignored.
                    }

                    return [.. body];
                }

                body.AddRange(await ReadExactlyAsync(size, cancellationToken).ConfigureAwait(false));
                await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<string> ReadLineAsync(CancellationToken cancellationToken) =>
            await ReadUntilAsync(LineEnd, cancellationToken).ConfigureAwait(false) ?? throw new IOException("The request ended in the middle of a line.");

        /// <summary>The text up to <paramref name="delimiter"/> (which is consumed), or null when the connection ends first.</summary>
        private async Task<string?> ReadUntilAsync(byte[] delimiter, CancellationToken cancellationToken)
        {
            while (true)
            {
                var end = _buffer.AsSpan(_start, _end - _start).IndexOf(delimiter);
                if (end >= 0)
                {
                    // Latin-1 keeps every byte as one char, so a header with a NUL or a non-ASCII byte is recorded as sent.
                    var text = Encoding.Latin1.GetString(_buffer, _start, end);
                    _start += end + delimiter.Length;
                    return text;
                }

                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new IOException("The request head is larger than 64 KiB.");
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            _end += read;
            return read > 0;
        }
    }
}

/// <summary>
/// An address whose TCP connections never complete, with no network: a loopback listener that never accepts, its
/// accept queue filled. On Linux the kernel then drops every further SYN (<c>tcp_abort_on_overflow</c> = 0), so a
/// connect hangs in SYN_SENT, retransmitting, until the client gives up; it never fails fast (no RST) and no byte
/// of a request can be sent.
/// </summary>
/// <remarks>
/// Checked on this machine's Linux kernel: with <c>listen(1)</c> the accept queue holds backlog + 1 = 2 connections;
/// those two connects complete at once and the third hangs (a blocking connect with a 2 s timeout timed out; the
/// socket stays in SYN_SENT, which <see cref="IsConnectPending"/> reads from <c>/proc/net/tcp</c>). Disposing closes
/// the listener, so the pending SYNs are then refused and nothing lingers.
/// </remarks>
internal sealed class UnconnectableEndpoint : IDisposable
{
    private const int Backlog = 1;
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    public UnconnectableEndpoint()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(Backlog);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        for (var i = 0; i < Backlog + 1; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            filler.Connect(EndPoint);
            _fillers.Add(filler);
        }
    }

    public IPEndPoint EndPoint { get; }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{EndPoint.Port}");

    /// <summary>
    /// Whether the TCP socket bound to <paramref name="localPort"/> and connecting to this endpoint is in SYN_SENT
    /// (Linux only: read from <c>/proc/net/tcp</c>).
    /// </summary>
    public bool IsConnectPending(int localPort)
    {
        var local = string.Create(CultureInfo.InvariantCulture, $":{localPort:X4}");
        var remote = string.Create(CultureInfo.InvariantCulture, $":{EndPoint.Port:X4}");
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 3 && fields[1].EndsWith(local, StringComparison.Ordinal) && fields[2].EndsWith(remote, StringComparison.Ordinal))
            {
                return fields[3] == "02"; // TCP_SYN_SENT
            }
        }

        return false;
    }

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var filler in _fillers)
        {
            filler.Dispose();
        }
    }
}
