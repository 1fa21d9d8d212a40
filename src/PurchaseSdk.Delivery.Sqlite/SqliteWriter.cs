using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace PurchaseSdk.Delivery.Sqlite;

/// <summary>
/// The one writer of a store instance: a queue of write operations that one connection runs in batches, each batch one
/// <c>BEGIN IMMEDIATE</c> transaction (when an operation fails, the batch is rolled back and each operation runs alone,
/// so only the failing one's caller sees an error).
/// An operation's task completes after its batch committed, so it is as durable as a transaction of its own, while
/// concurrent writers share a commit instead of queuing for SQLite's write lock. Statements are prepared once.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private const int MaxBatch = 256;
    private readonly string _connectionString;
    private readonly TimeSpan _busyTimeout;
    private readonly System.Collections.Concurrent.ConcurrentQueue<IWork> _queue = new();
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private volatile bool _disposed;
    private SqliteConnection? _connection;

    public SqliteWriter(string connectionString, TimeSpan busyTimeout)
    {
        _connectionString = connectionString;
        _busyTimeout = busyTimeout;
    }

    private interface IWork
    {
        bool SingleStatement { get; }

        bool TryCancel();

        Task RunAsync(Session session);

        void Fail(Exception exception);

        void Reset();

        void Complete();
    }

    /// <summary>
    /// Queues <paramref name="work"/> and completes with its result once its transaction committed. The caller that
    /// finds the writer idle runs the batch itself (its own work and whatever else is queued), so an uncontended
    /// write costs no thread hop; callers arriving meanwhile join the next batch.
    /// </summary>
    public Task<T> RunAsync<T>(Func<Session, Task<T>> work, CancellationToken cancellationToken) => RunAsync(work, singleStatement: false, cancellationToken);

    /// <summary>Like <see cref="RunAsync{T}(Func{Session, Task{T}}, CancellationToken)"/>, for an operation that may be one statement.</summary>
    /// <param name="work">The operation.</param>
    /// <param name="cancellationToken">Cancels the operation while it is still queued.</param>
    /// <param name="singleStatement">
    /// True when the operation is one statement (atomic by itself): run alone, it then needs no explicit transaction.
    /// </param>
    public async Task<T> RunAsync<T>(Func<Session, Task<T>> work, bool singleStatement, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var item = new Work<T>(work, singleStatement, cancellationToken);
        _queue.Enqueue(item);
        await DrainAsync(item.Task).ConfigureAwait(false);
        return await item.Task.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _disposed = true;
        _running.Wait(TimeSpan.FromSeconds(30));
        try
        {
            ResetConnection();
        }
        finally
        {
            _running.Release();
            _running.Dispose();
        }
    }

    /// <summary>Runs batches while work is queued and nobody else is, until <paramref name="own"/> is done; hands the rest to the thread pool.</summary>
    private async Task DrainAsync(Task? own)
    {
        while (!_queue.IsEmpty && _running.Wait(0))
        {
            try
            {
                var batch = new List<IWork>(Math.Min(MaxBatch, _queue.Count + 1));
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var work))
                {
                    if (!work.TryCancel())
                    {
                        batch.Add(work);
                    }
                }

                if (batch.Count > 0)
                {
                    await RunBatchAsync(batch).ConfigureAwait(false);
                }
            }
            finally
            {
                _running.Release();
            }

            if (own is { IsCompleted: true } && !_queue.IsEmpty)
            {
                // Others are waiting: a pool thread serves them, this caller goes back to its own work.
                _ = Task.Run(() => DrainAsync(null), CancellationToken.None);
                return;
            }
        }
    }

    private async Task RunBatchAsync(List<IWork> batch)
    {
        if (!await TryRunAsync(batch).ConfigureAwait(false) && batch.Count > 1)
        {
            // One operation broke the shared transaction: run each alone, so only its own caller sees the error.
            foreach (var work in batch)
            {
                work.Reset();
                await TryRunAsync([work]).ConfigureAwait(false);
            }
        }

        foreach (var work in batch)
        {
            work.Complete();
        }
    }

    /// <summary>Runs <paramref name="batch"/> in one transaction; false (every operation failed, nothing committed) when anything threw.</summary>
    private async Task<bool> TryRunAsync(List<IWork> batch)
    {
        SqliteTransaction? transaction = null;
        try
        {
            var connection = await ConnectionAsync().ConfigureAwait(false);
            if (batch is [{ SingleStatement: true } alone])
            {
                // One statement alone commits by itself: no BEGIN/COMMIT round trips.
                await alone.RunAsync(new Session(this, connection, null)).ConfigureAwait(false);
                return true;
            }

            transaction = connection.BeginTransaction(deferred: false);
            var session = new Session(this, connection, transaction);
            foreach (var work in batch)
            {
                await work.RunAsync(session).ConfigureAwait(false);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // Whatever broke the batch is its operations' failure; the writer goes on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            foreach (var work in batch)
            {
                work.Fail(exception);
            }

            try
            {
                transaction?.Rollback();
            }
            catch (SqliteException)
            {
                // The connection is reset below.
            }
            catch (InvalidOperationException)
            {
                // Already completed.
            }

            transaction?.Dispose();
            transaction = null;
            ResetConnection();
            return false;
        }
        finally
        {
            transaction?.Dispose();
        }
    }

    private async Task<SqliteConnection> ConnectionAsync()
    {
        if (_connection is { } open)
        {
            return open;
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync().ConfigureAwait(false);

        // SQLite's own busy handler waits for another process's writer in short steps.
        using (var busy = connection.CreateCommand())
        {
            busy.CommandText = $"PRAGMA busy_timeout = {(long)_busyTimeout.TotalMilliseconds}";
            await busy.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        _connection = connection;
        return connection;
    }

    private void ResetConnection()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>What a write operation runs its statements through: the writer's connection, transaction and prepared commands.</summary>
    internal sealed class Session
    {
        private readonly SqliteWriter _writer;
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction? _transaction;

        public Session(SqliteWriter writer, SqliteConnection connection, SqliteTransaction? transaction)
        {
            _writer = writer;
            _connection = connection;
            _transaction = transaction;
        }

        public Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters) =>
            Prepare(sql, parameters).ExecuteNonQueryAsync();

        public async Task<long?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
        {
            var value = await Prepare(sql, parameters).ExecuteScalarAsync().ConfigureAwait(false);
            return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        public async Task<List<T>> ReadAsync<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
        {
            var rows = new List<T>();
            await using var reader = await Prepare(sql, parameters).ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        }

        private SqliteCommand Prepare(string sql, (string Name, object? Value)[] parameters)
        {
            if (!_writer._commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
#pragma warning disable CA2100 // The store's own SQL: table names from validated options, values always parameters.
                command.CommandText = sql;
#pragma warning restore CA2100
                _writer._commands[sql] = command;
            }

            command.Transaction = _transaction;
            command.Parameters.Clear();
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            return command;
        }
    }

    private sealed class Work<T> : IWork
    {
        private readonly Func<Session, Task<T>> _work;
        private readonly CancellationToken _cancellationToken;
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Work(Func<Session, Task<T>> work, bool singleStatement, CancellationToken cancellationToken)
        {
            _work = work;
            _cancellationToken = cancellationToken;
            SingleStatement = singleStatement;
        }

        public bool SingleStatement { get; }

        public Task<T> Task => _completion.Task;

        public bool TryCancel() => _cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(_cancellationToken);

        public async Task RunAsync(Session session) => _result = await _work(session).ConfigureAwait(false);

        public void Fail(Exception exception) => _error ??= exception;

        public void Reset()
        {
            _error = null;
            _result = default;
        }

        public void Complete()
        {
            if (_error is { } error)
            {
                _completion.TrySetException(error);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }
    }
}

[JsonSerializable(typeof(string))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;
