using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PurchaseSdk.Delivery.Storage;

namespace PurchaseSdk.Delivery.Sqlite;

/// <summary>
/// <b>For store implementers and tools.</b> The embedded <see cref="IDeliveryStore"/>: three tables in one SQLite file
/// in WAL mode. Claims run <c>UPDATE … RETURNING</c> inside a <c>BEGIN IMMEDIATE</c> transaction, so claimers on the
/// same file (threads or processes of one host) never receive the same delivery; "now" is the injected
/// <see cref="TimeProvider"/>. Every write of one store instance goes through one connection that commits whatever
/// is queued together (group commit): SQLite has one writer at a time, and many small concurrent transactions would
/// otherwise wait on each other's locks. A write's task completes only once its transaction is durable.
/// Applications register it with <c>AddDelivery(d =&gt; d.UseSqlite(...))</c>.
/// </summary>
public sealed class SqliteDeliveryStore : IDeliveryStore, IDisposable
{
    private const string Terminal = "('Succeeded','Skipped','Failed','Cancelled')";
    private const string DeliveryColumns =
        "id, order_id, provider, state, enqueued_at, updated_at, due_at, finished_at, lease_until, attempts, resume, provider_reference, last_error, resolution";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly string _orders;
    private readonly string _deliveries;
    private readonly string _attempts;
    private readonly string _prefix;
    private readonly InitializeOnce _initialization = new();
    private readonly SqliteWriter _writer;

    /// <summary>Creates the store over the file that <paramref name="options"/> names.</summary>
    public SqliteDeliveryStore(SqliteDeliveryStoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        _connectionString = builder.ToString();
        _time = time;
        _prefix = options.TablePrefix;
        _orders = _prefix + "orders";
        _deliveries = _prefix + "deliveries";
        _attempts = _prefix + "attempts";
        _writer = new SqliteWriter(_connectionString, options.BusyTimeout);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Closes the pooled connections to the file (so it can be moved or deleted).</summary>
    public void Dispose()
    {
        _writer.Dispose();
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initialization.Dispose();
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => _initialization.RunAsync(SwitchToWalAndCreateSchemaAsync, cancellationToken);

    private async Task SwitchToWalAndCreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await CreateSchemaAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoreEnqueueResult> EnqueueAsync(DeliveryEnqueueRequest request, DbConnection? connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (connection is null)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
            var insert = InsertStatement(request);
            return new StoreEnqueueResult(await _writer.RunAsync(session => session.ExecuteAsync(insert.Sql, insert.Parameters), singleStatement: true, cancellationToken).ConfigureAwait(false) > 0);
        }

        if (connection is not SqliteConnection sqlite)
        {
            throw new ArgumentException($"The SQLite delivery store writes through a SqliteConnection to its own file; got a {connection.GetType().Name}.", nameof(connection));
        }

        if (transaction is not null and not SqliteTransaction)
        {
            throw new ArgumentException($"The SQLite delivery store needs a SqliteTransaction; got a {transaction.GetType().Name}.", nameof(transaction));
        }

        if (sqlite.State != System.Data.ConnectionState.Open)
        {
            throw new ArgumentException("The connection must be open.", nameof(connection));
        }

        var sqliteTransaction = (SqliteTransaction?)transaction;
        if (!_initialization.IsDone)
        {
            // Not through a second connection: the caller's transaction may hold the write lock.
            await CreateSchemaAsync(sqlite, sqliteTransaction, cancellationToken).ConfigureAwait(false);
        }

        var statement = InsertStatement(request);
        return new StoreEnqueueResult(await ExecuteAsync(sqlite, sqliteTransaction, statement.Sql, cancellationToken, statement.Parameters).ConfigureAwait(false) > 0);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string owner, int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _writer.RunAsync(session => ClaimCoreAsync(session, owner, maxCount, leaseDuration), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ClaimedDelivery>> ClaimCoreAsync(SqliteWriter.Session session, string owner, int maxCount, TimeSpan leaseDuration)
    {
        var now = Now;
        var token = Guid.NewGuid().ToString("N");

        var claimed = await session.ReadAsync(
            $"""
            UPDATE {_deliveries}
            SET resume = CASE WHEN attempt_started = 1 THEN 1 ELSE resume END,
                attempt_started = 0, lease_owner = @owner, lease_token = @token, lease_until = @until, updated_at = @now
            WHERE id IN (
              SELECT id FROM {_deliveries}
              WHERE state = 'Pending' AND due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
              ORDER BY due_at, id LIMIT @max)
            RETURNING id, order_id, provider, attempts, pending_since, resume
            """,
            static reader => (Id: reader.GetInt64(0), OrderId: reader.GetString(1), Provider: reader.GetString(2), Attempts: reader.GetInt32(3), PendingSince: reader.GetInt64(4), Resume: reader.GetInt64(5) != 0),
            ("@owner", owner),
            ("@token", token),
            ("@until", now + (long)leaseDuration.TotalMilliseconds),
            ("@now", now),
            ("@max", maxCount)).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return [];
        }

        // An attempt still open on a delivery being claimed is one whose lease expired mid-call (completing or
        // releasing closes it): it may have reached the provider, and ends "lease expired".
        var ids = new System.Text.StringBuilder("[");
        foreach (var c in claimed)
        {
            ids.Append(ids.Length > 1 ? "," : string.Empty).Append(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await session.ExecuteAsync(
            $"UPDATE {_attempts} SET ended_at = @now, outcome = 'LeaseExpired' WHERE ended_at IS NULL AND delivery_id IN (SELECT value FROM json_each(@ids))",
            ("@now", now),
            ("@ids", ids.Append(']').ToString())).ConfigureAwait(false);

        var orderIds = new System.Text.StringBuilder("[");
        foreach (var orderId in claimed.Select(static c => c.OrderId).Distinct(StringComparer.Ordinal))
        {
            orderIds.Append(orderIds.Length > 1 ? "," : string.Empty).Append(JsonString(orderId));
        }

        var payloads = (await session.ReadAsync(
            $"SELECT order_id, payload, schema_version, trace_parent, trace_state FROM {_orders} WHERE order_id IN (SELECT value FROM json_each(@ids))",
            static reader => (
                OrderId: reader.GetString(0),
                Payload: reader.IsDBNull(1) ? null : reader.GetString(1),
                Version: reader.GetInt32(2),
                TraceParent: reader.IsDBNull(3) ? null : reader.GetString(3),
                TraceState: reader.IsDBNull(4) ? null : reader.GetString(4)),
            ("@ids", orderIds.Append(']').ToString())).ConfigureAwait(false))
            .ToDictionary(static p => p.OrderId, StringComparer.Ordinal);

        var claimedAt = FromMs(now);
        return [.. claimed.OrderBy(static c => c.Id).Select(c =>
        {
            payloads.TryGetValue(c.OrderId, out var payload);
            return new ClaimedDelivery
            {
                Lease = new DeliveryLease(c.Id, token),
                OrderId = c.OrderId,
                Provider = c.Provider,
                Attempts = c.Attempts,
                PendingSince = FromMs(c.PendingSince),
                ClaimedAt = claimedAt,
                EarlierAttemptMayHaveLanded = c.Resume,
                Payload = payload.Payload,
                SchemaVersion = payload.Version,
                TraceParent = payload.TraceParent,
                TraceState = payload.TraceState,
            };
        })];
    }

    /// <inheritdoc />
    public Task<bool> MarkAttemptStartedAsync(DeliveryLease lease, CancellationToken cancellationToken) =>
        _writer.RunAsync(
            async session =>
            {
                // One statement on the hot path: the "attempt started" trigger opens the attempt's row, resumed when the
                // delivery carries the earlier-attempt flag.
                var changed = await session.ExecuteAsync(
                    $"UPDATE {_deliveries} SET attempt_started = 1, attempts = attempts + 1, updated_at = @now WHERE id = @id AND lease_token = @token AND state = 'Pending' AND attempt_started = 0",
                    ("@now", Now),
                    ("@id", lease.DeliveryId),
                    ("@token", lease.Token)).ConfigureAwait(false);
                return changed > 0;
            },
            singleStatement: true,
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> CompleteAsync(DeliveryLease lease, DeliveryCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return _writer.RunAsync(
            async session =>
            {
                var now = Now;
                var state = completion.State.ToString();
                var number = await session.ScalarAsync(
                    $"""
                    UPDATE {_deliveries}
                    SET state = @state,
                        attempts = attempts + @new,
                        due_at = CASE WHEN @state = 'Pending' THEN @due ELSE due_at END,
                        finished_at = CASE WHEN @state IN {Terminal} THEN @now ELSE NULL END,
                        provider_reference = COALESCE(@ref, provider_reference),
                        last_error = CASE WHEN @state = 'Succeeded' THEN last_error ELSE @message END,
                        lease_owner = NULL, lease_token = NULL, lease_until = NULL, attempt_started = 0, updated_at = @now
                    WHERE id = @id AND lease_token = @token AND state = 'Pending'
                    RETURNING attempts
                    """,
                    ("@state", state),
                    ("@new", completion.AttemptStarted ? 0 : 1),
                    ("@due", now + (long)Math.Max(0, completion.RetryAfter.TotalMilliseconds)),
                    ("@now", now),
                    ("@ref", completion.ProviderReference),
                    ("@message", completion.Message),
                    ("@id", lease.DeliveryId),
                    ("@token", lease.Token)).ConfigureAwait(false);
                if (number is null)
                {
                    return false;
                }

                await session.ExecuteAsync(
                    $"""
                    INSERT INTO {_attempts} (delivery_id, number, started_at, ended_at, outcome, resumed, provider_attempts, provider_reference, message)
                    VALUES (@id, @n, @now, @now, @outcome, 0, @pa, @ref, @message)
                    ON CONFLICT (delivery_id, number) DO UPDATE SET ended_at = excluded.ended_at, outcome = excluded.outcome,
                      provider_attempts = excluded.provider_attempts, provider_reference = excluded.provider_reference, message = excluded.message
                    """,
                    ("@id", lease.DeliveryId),
                    ("@n", number.Value),
                    ("@now", now),
                    ("@outcome", completion.Outcome.ToString()),
                    ("@pa", completion.ProviderAttempts),
                    ("@ref", completion.ProviderReference),
                    ("@message", completion.Message)).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(DeliveryLease lease, bool mayHaveBeenSent, CancellationToken cancellationToken) =>
        _writer.RunAsync(
            async session =>
            {
                var now = Now;
                var number = await session.ScalarAsync(
                    $"""
                    UPDATE {_deliveries}
                    SET resume = CASE WHEN @started = 1 THEN 1 ELSE resume END,
                        attempt_started = 0, lease_owner = NULL, lease_token = NULL, lease_until = NULL, updated_at = @now
                    WHERE id = @id AND lease_token = @token AND state = 'Pending'
                    RETURNING attempts
                    """,
                    ("@started", mayHaveBeenSent ? 1 : 0),
                    ("@now", now),
                    ("@id", lease.DeliveryId),
                    ("@token", lease.Token)).ConfigureAwait(false);
                if (number is null)
                {
                    return false;
                }

                await session.ExecuteAsync(
                    $"UPDATE {_attempts} SET ended_at = @now, outcome = 'Interrupted', message = CASE WHEN @started = 1 THEN '{DeliveryRows.InterruptedAfterSending}' ELSE '{DeliveryRows.InterruptedBeforeSending}' END WHERE delivery_id = @id AND number = @n AND ended_at IS NULL",
                    ("@started", mayHaveBeenSent ? 1 : 0),
                    ("@now", now),
                    ("@id", lease.DeliveryId),
                    ("@n", number.Value)).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<DeliveryStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var now = Now;
        var counts = new List<DeliveryCount>();
        await using (var command = Command(connection, null, $"SELECT provider, state, COUNT(*) FROM {_deliveries} GROUP BY provider, state ORDER BY provider, state"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts.Add(new DeliveryCount(reader.GetString(0), DeliveryRows.ParseState(reader.GetString(1)), reader.GetInt64(2)));
            }
        }

        var oldest = await ScalarAsync(connection, null, $"SELECT MIN(pending_since) FROM {_deliveries} WHERE state = 'Pending'", cancellationToken).ConfigureAwait(false);
        return new DeliveryStatistics
        {
            Counts = counts,
            OldestPendingAge = oldest is { } since ? TimeSpan.FromMilliseconds(Math.Max(0, now - since)) : null,
        };
    }

    /// <inheritdoc />
    public async Task<DeliveryHistory> GetHistoryAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken)
    {
        var count = DeliveryRows.HistoryBucketCount(window, bucket);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var size = Math.Max(1, (long)bucket.TotalMilliseconds); // times are Unix milliseconds here
        var from = Now - (count * size);
        await using var command = Command(
            connection,
            null,
            $"""
            SELECT state, (COALESCE(finished_at, updated_at) - @from) / @size AS bucket, COUNT(*)
            FROM {_deliveries}
            WHERE state IN ('Succeeded', 'Failed', 'Indeterminate') AND COALESCE(finished_at, updated_at) >= @from
            GROUP BY state, bucket
            """,
            ("@from", from),
            ("@size", size));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await DeliveryRows.ReadHistoryAsync(reader, DateTimeOffset.FromUnixTimeMilliseconds(from), bucket, count, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var (where, parameters) = Where(query.Filter);
        parameters.Add(("@after", query.AfterId ?? 0));
        parameters.Add(("@limit", query.PageSize + 1));
        await using var command = Command(connection, null, $"SELECT {DeliveryColumns} FROM {_deliveries} WHERE {where} AND id > @after ORDER BY id LIMIT @limit", [.. parameters]);
        return DeliveryRows.Page(await Rows.ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false), query.PageSize);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(DeliveryFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var (where, parameters) = Where(filter);
        return await ScalarAsync(connection, null, $"SELECT COUNT(*) FROM {_deliveries} WHERE {where}", cancellationToken, [.. parameters]).ConfigureAwait(false) ?? 0;
    }

    /// <inheritdoc />
    public async Task<OrderDeliveries?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        long enqueuedAt;
        bool hasPayload;
        await using (var order = Command(connection, null, $"SELECT enqueued_at, payload IS NOT NULL FROM {_orders} WHERE order_id = @o", ("@o", orderId)))
        {
            await using var reader = await order.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            enqueuedAt = reader.GetInt64(0);
            hasPayload = reader.GetInt64(1) != 0;
        }

        await using var command = Command(connection, null, $"SELECT {DeliveryColumns} FROM {_deliveries} WHERE order_id = @o ORDER BY id", ("@o", orderId));
        var deliveries = await Rows.ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
        var withHistory = new List<DeliveryRecord>(deliveries.Count);
        foreach (var delivery in deliveries)
        {
            withHistory.Add(await WithHistoryAsync(connection, delivery, cancellationToken).ConfigureAwait(false));
        }

        return new OrderDeliveries { OrderId = orderId, EnqueuedAt = FromMs(enqueuedAt), HasPayload = hasPayload, Deliveries = withHistory };
    }

    /// <inheritdoc />
    public async Task<DeliveryRecord?> GetDeliveryAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {DeliveryColumns} FROM {_deliveries} WHERE id = @id", ("@id", deliveryId));
        var records = await Rows.ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
        return records.Count == 0 ? null : await WithHistoryAsync(connection, records[0], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DeliveryChangeResult> ChangeAsync(long deliveryId, DeliveryAdminChange change, string? providerReference, CancellationToken cancellationToken)
    {
        var sql = change switch
        {
            DeliveryAdminChange.Redrive =>
                $"UPDATE {_deliveries} SET state = 'Pending', due_at = @now, pending_since = @now, finished_at = NULL, updated_at = @now, resolution = 'Re-driven by an administrator' WHERE id = @id AND state = 'Failed'",
            DeliveryAdminChange.ResolveAsDelivered =>
                $"UPDATE {_deliveries} SET state = 'Succeeded', provider_reference = COALESCE(@ref, provider_reference), finished_at = @now, updated_at = @now, resolution = 'Resolved as delivered by an administrator' WHERE id = @id AND state = 'Indeterminate'",
            DeliveryAdminChange.Resend =>
                $"UPDATE {_deliveries} SET state = 'Pending', due_at = @now, pending_since = @now, resume = 0, attempt_started = 0, finished_at = NULL, updated_at = @now, resolution = 'Re-sent by an administrator who accepted the risk of a duplicate' WHERE id = @id AND state = 'Indeterminate'",
            DeliveryAdminChange.Cancel =>
                $"UPDATE {_deliveries} SET state = 'Cancelled', finished_at = @now, updated_at = @now, lease_owner = NULL, lease_token = NULL, lease_until = NULL, attempt_started = 0, resolution = 'Cancelled by an administrator' WHERE id = @id AND state IN ('Pending', 'Failed', 'Indeterminate')",
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown change."),
        };

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _writer.RunAsync(
            async session =>
            {
                var changed = await session.ExecuteAsync(sql, ("@now", Now), ("@id", deliveryId), ("@ref", providerReference)).ConfigureAwait(false);
                if (changed > 0)
                {
                    return DeliveryChangeResult.Changed;
                }

                return await session.ScalarAsync($"SELECT COUNT(*) FROM {_deliveries} WHERE id = @id", ("@id", deliveryId)).ConfigureAwait(false) > 0
                    ? DeliveryChangeResult.NotAllowedInCurrentState
                    : DeliveryChangeResult.NotFound;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> PurgeAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _writer.RunAsync(
            async session =>
            {
                var cutoff = Now - (long)olderThan.TotalMilliseconds;
                var finished = $"SELECT id FROM {_deliveries} WHERE state IN {Terminal} AND finished_at <= @cutoff";
                await session.ExecuteAsync($"DELETE FROM {_attempts} WHERE delivery_id IN ({finished})", ("@cutoff", cutoff)).ConfigureAwait(false);
                var deleted = await session.ExecuteAsync($"DELETE FROM {_deliveries} WHERE id IN ({finished})", ("@cutoff", cutoff)).ConfigureAwait(false);
                await session.ExecuteAsync(
                    $"UPDATE {_orders} SET payload = NULL WHERE payload IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {_deliveries} d WHERE d.order_id = {_orders}.order_id)").ConfigureAwait(false);
                return deleted;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task CreateSchemaAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            connection,
            transaction,
            $"""
            CREATE TABLE IF NOT EXISTS {_orders} (
              order_id TEXT NOT NULL PRIMARY KEY,
              payload TEXT NULL,
              schema_version INTEGER NOT NULL,
              trace_parent TEXT NULL,
              trace_state TEXT NULL,
              enqueued_at INTEGER NOT NULL,
              providers TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS {_deliveries} (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              order_id TEXT NOT NULL,
              provider TEXT NOT NULL,
              state TEXT NOT NULL,
              enqueued_at INTEGER NOT NULL,
              pending_since INTEGER NOT NULL,
              due_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL,
              finished_at INTEGER NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              lease_owner TEXT NULL,
              lease_token TEXT NULL,
              lease_until INTEGER NULL,
              attempt_started INTEGER NOT NULL DEFAULT 0,
              resume INTEGER NOT NULL DEFAULT 0,
              provider_reference TEXT NULL,
              last_error TEXT NULL,
              resolution TEXT NULL,
              UNIQUE (order_id, provider));
            CREATE INDEX IF NOT EXISTS {_prefix}deliveries_due ON {_deliveries} (state, due_at);
            CREATE TRIGGER IF NOT EXISTS {_prefix}orders_deliveries AFTER INSERT ON {_orders}
            BEGIN
              INSERT INTO {_deliveries} (order_id, provider, state, enqueued_at, pending_since, due_at, updated_at)
              SELECT NEW.order_id, value, 'Pending', NEW.enqueued_at, NEW.enqueued_at, NEW.enqueued_at, NEW.enqueued_at
              FROM json_each(NEW.providers) ORDER BY key;
            END;
            CREATE TABLE IF NOT EXISTS {_attempts} (
              delivery_id INTEGER NOT NULL,
              number INTEGER NOT NULL,
              started_at INTEGER NOT NULL,
              ended_at INTEGER NULL,
              outcome TEXT NOT NULL,
              resumed INTEGER NOT NULL DEFAULT 0,
              provider_attempts INTEGER NOT NULL DEFAULT 0,
              provider_reference TEXT NULL,
              message TEXT NULL,
              PRIMARY KEY (delivery_id, number));
            CREATE TRIGGER IF NOT EXISTS {_prefix}attempt_started AFTER UPDATE OF attempt_started ON {_deliveries}
            WHEN NEW.attempt_started = 1 AND OLD.attempt_started = 0
            BEGIN
              INSERT INTO {_attempts} (delivery_id, number, started_at, outcome, resumed) VALUES (NEW.id, NEW.attempts, NEW.updated_at, 'InProgress', NEW.resume)
              ON CONFLICT (delivery_id, number) DO UPDATE SET started_at = excluded.started_at, ended_at = NULL, outcome = 'InProgress', resumed = excluded.resumed;
            END;
            CREATE TABLE IF NOT EXISTS {_prefix}schema (version INTEGER NOT NULL);
            INSERT INTO {_prefix}schema (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM {_prefix}schema);
            """,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One statement: the order row, whose insert trigger adds one pending delivery per provider in the same
    /// transaction. One prepared statement per enqueue: it costs little more than a bare INSERT of the payload.
    /// </summary>
    private (string Sql, (string Name, object? Value)[] Parameters) InsertStatement(DeliveryEnqueueRequest request)
    {
        var providers = new System.Text.StringBuilder("[");
        foreach (var provider in request.Providers)
        {
            providers.Append(providers.Length > 1 ? "," : string.Empty).Append(JsonString(provider));
        }

        return (
            $"INSERT INTO {_orders} (order_id, payload, schema_version, trace_parent, trace_state, enqueued_at, providers) VALUES (@o, @payload, @v, @tp, @ts, @now, @providers) ON CONFLICT (order_id) DO NOTHING",
            [
                ("@o", request.OrderId),
                ("@payload", request.Payload),
                ("@v", request.SchemaVersion),
                ("@tp", request.TraceParent),
                ("@ts", request.TraceState),
                ("@now", Now),
                ("@providers", providers.Append(']').ToString()),
            ]);
    }

    private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value, SqliteJsonContext.Default.String);

    private async Task<DeliveryRecord> WithHistoryAsync(SqliteConnection connection, DeliveryRecord record, CancellationToken cancellationToken)
    {
        var history = new List<DeliveryAttempt>();
        await using var command = Command(
            connection,
            null,
            $"SELECT number, started_at, ended_at, outcome, resumed, provider_attempts, provider_reference, message FROM {_attempts} WHERE delivery_id = @id ORDER BY number",
            ("@id", record.Id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            history.Add(Rows.Attempt(reader, 0));
        }

        return DeliveryRows.WithHistory(record, history);
    }

    private static (string Where, List<(string, object?)> Parameters) Where(DeliveryFilter filter)
    {
        var clauses = new List<string> { "1 = 1" };
        var parameters = new List<(string, object?)>();
        if (filter.State is { } state)
        {
            clauses.Add("state = @state");
            parameters.Add(("@state", state.ToString()));
        }

        if (filter.Provider is { } provider)
        {
            clauses.Add("provider = @provider");
            parameters.Add(("@provider", provider));
        }

        if (filter.OrderId is { } orderId)
        {
            clauses.Add("order_id = @order");
            parameters.Add(("@order", orderId));
        }

        return (string.Join(" AND ", clauses), parameters);
    }

    private static DateTimeOffset FromMs(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>Rows as SQLite keeps them: times in Unix milliseconds, flags as integers.</summary>
    private static readonly DeliveryRows Rows = new(static (reader, i) => FromMs(reader.GetInt64(i)), static (reader, i) => reader.GetInt64(i) != 0);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }
}
