using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using PurchaseSdk.Delivery.Storage;

namespace PurchaseSdk.Delivery.PostgreSql;

/// <summary>
/// <b>For store implementers and tools.</b> The <see cref="IDeliveryStore"/> for applications that run several
/// instances on one PostgreSQL database: one shared queue that any instance's worker drains.
/// </summary>
/// <remarks>
/// <para>Claims take due deliveries with <c>SELECT … FOR UPDATE SKIP LOCKED</c> and lease them in the same statement,
/// so concurrent claimers in any process never receive the same delivery and never wait for each other. Leases, due
/// times and ages are on the <b>database's clock</b> (<c>now()</c>), never a host's, so instances whose clocks
/// disagree still agree on when a lease has expired. A delivery whose worker died is claimed again once its lease
/// expires, by any instance, and says <see cref="ClaimedDelivery.EarlierAttemptMayHaveLanded"/> when its attempt had
/// started.</para>
/// <para>An enqueue sends <c>NOTIFY</c> in its own transaction (so only when it commits), and
/// <see cref="ListenAsync"/> holds one <c>LISTEN</c> connection per worker, which wakes idle workers of every
/// instance.</para>
/// <para>The schema (<see cref="PostgreSqlDeliveryStoreOptions.Schema"/>) is created at start under an advisory lock,
/// or applied by a DBA from <see cref="GetSchemaScript"/>; its version is checked at start.</para>
/// Applications register it with <c>AddDelivery(d =&gt; d.UsePostgreSql(...))</c>.
/// </remarks>
public sealed class PostgreSqlDeliveryStore : IDeliveryStore, IDeliveryNotifications, IDisposable
{
    private const string Terminal = "('Succeeded', 'Skipped', 'Failed', 'Cancelled')";
    private const string DeliveryColumns =
        "id, order_id, provider, state, enqueued_at, updated_at, due_at, finished_at, lease_until, attempts, resume, provider_reference, last_error, resolution";

    private const int PurgeBatch = 5000;
    private static readonly TimeSpan ListenKeepAlive = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ListenFirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ListenMaxBackoff = TimeSpan.FromSeconds(15);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly TimeProvider? _clock;
    private readonly bool _autoCreate;
    private readonly bool _notify;
    private readonly string _schema;
    private readonly string _channel;
    private readonly string _database;
    private readonly string _server;
    private readonly string _now;
    private readonly InitializeOnce _initialization = new();
    private readonly string _enqueueSql;
    private readonly string _claimSql;
    private readonly string _markSql;
    private readonly string _completeSql;
    private readonly string _releaseSql;

    /// <summary>Creates the store over <paramref name="dataSource"/>, which the caller owns (and disposes).</summary>
    /// <param name="options">The schema and its handling; <see cref="PostgreSqlDeliveryStoreOptions.ConnectionString"/> is not used here.</param>
    /// <param name="dataSource">Where to connect. Any Npgsql data source, slim or full, but not a multiplexing one when <see cref="PostgreSqlDeliveryStoreOptions.Notifications"/> is on.</param>
    /// <param name="logger">Where the store logs (schema creation, lost connections); none by default.</param>
    public PostgreSqlDeliveryStore(PostgreSqlDeliveryStoreOptions options, NpgsqlDataSource dataSource, ILogger<PostgreSqlDeliveryStore>? logger = null)
        : this(options, dataSource, logger, clock: null)
    {
    }

    /// <summary>
    /// For the shared store contract fixture only: the store's "now" comes from <paramref name="clock"/> (sent as a
    /// parameter) instead of the database's <c>now()</c>, so the fixture can move time.
    /// </summary>
    internal PostgreSqlDeliveryStore(PostgreSqlDeliveryStoreOptions options, NpgsqlDataSource dataSource, ILogger? logger, TimeProvider? clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataSource);
        if (!PostgreSqlSchema.IsValidName(options.Schema))
        {
            throw new ArgumentException(
                $"The schema name '{options.Schema}' is not allowed: lower-case letters, digits and underscores, starting with a letter or underscore, at most 40 characters.",
                nameof(options));
        }

        _dataSource = dataSource;
        _logger = logger ?? NullLogger.Instance;
        _clock = clock;
        _autoCreate = options.AutoCreateSchema;
        _notify = options.Notifications;
        _schema = options.Schema;
        _channel = PostgreSqlSchema.Channel(_schema);
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        _database = settings.Database ?? settings.Username ?? "(default)";
        _server = string.Create(CultureInfo.InvariantCulture, $"{settings.Host}:{settings.Port}");
        _now = clock is null ? "now()" : "@now";

        var s = _schema;
        var n = _now;
        var notifyEnqueue = _notify ? $", LATERAL pg_notify('{_channel}', '') AS woken" : string.Empty;
        _enqueueSql =
            $"""
            WITH o AS (
              INSERT INTO {s}.orders (order_id, payload, schema_version, trace_parent, trace_state, enqueued_at)
              VALUES (@order_id, @payload, @schema_version, @trace_parent, @trace_state, {n})
              ON CONFLICT (order_id) DO NOTHING
              RETURNING order_id, enqueued_at),
            d AS (
              INSERT INTO {s}.deliveries (order_id, provider, state, enqueued_at, pending_since, due_at, updated_at)
              SELECT o.order_id, p.provider, 'Pending', o.enqueued_at, o.enqueued_at, o.enqueued_at, o.enqueued_at
              FROM o CROSS JOIN jsonb_array_elements_text(@providers::jsonb) WITH ORDINALITY AS p(provider, position)
              ORDER BY p.position
              RETURNING 1)
            SELECT count(*) FROM o{notifyEnqueue}
            """;

        // One statement: pick due rows (skipping those another claimer holds), lease them, end the attempts their
        // expired leases left open ("lease expired": they may have reached the provider), return them with payloads.
        _claimSql =
            $"""
            WITH picked AS (
              SELECT id FROM {s}.deliveries
              WHERE state = 'Pending' AND COALESCE(lease_until, due_at) <= {n}
              ORDER BY COALESCE(lease_until, due_at), id
              LIMIT @max
              FOR UPDATE SKIP LOCKED),
            claimed AS (
              UPDATE {s}.deliveries d
              SET resume = d.resume OR d.attempt_started, attempt_started = false,
                  lease_owner = @owner, lease_token = @token, lease_until = {n} + @lease_ms * interval '1 millisecond', updated_at = {n}
              FROM picked WHERE d.id = picked.id
              RETURNING d.id, d.order_id, d.provider, d.attempts, d.pending_since, d.resume),
            expired AS (
              UPDATE {s}.attempts a SET ended_at = {n}, outcome = 'LeaseExpired'
              FROM claimed WHERE a.delivery_id = claimed.id AND a.ended_at IS NULL
              RETURNING 1)
            SELECT c.id, c.order_id, c.provider, c.attempts, c.pending_since, c.resume,
                   o.payload, o.schema_version, o.trace_parent, o.trace_state, {n}
            FROM claimed c JOIN {s}.orders o ON o.order_id = c.order_id
            ORDER BY c.id
            """;

        // Idempotent for its lease (a claim always clears attempt_started), so it can run again after a lost connection.
        _markSql =
            $"""
            WITH d AS (
              UPDATE {s}.deliveries
              SET attempts = attempts + CASE WHEN attempt_started THEN 0 ELSE 1 END, attempt_started = true, updated_at = {n}
              WHERE id = @id AND lease_token = @token AND state = 'Pending'
              RETURNING id, attempts, resume, lease_owner, updated_at)
            INSERT INTO {s}.attempts (delivery_id, number, started_at, outcome, resumed, worker)
            SELECT id, attempts, updated_at, 'InProgress', resume, lease_owner FROM d
            ON CONFLICT (delivery_id, number) DO UPDATE
              SET started_at = excluded.started_at, ended_at = NULL, outcome = 'InProgress', resumed = excluded.resumed, worker = excluded.worker
            """;

        _completeSql =
            $"""
            WITH d AS (
              UPDATE {s}.deliveries
              SET state = @state,
                  attempts = attempts + @new,
                  due_at = CASE WHEN @state = 'Pending' THEN {n} + @retry_ms * interval '1 millisecond' ELSE due_at END,
                  finished_at = CASE WHEN @state IN {Terminal} THEN {n} END,
                  provider_reference = COALESCE(@reference, provider_reference),
                  last_error = CASE WHEN @state = 'Succeeded' THEN last_error ELSE @message END,
                  lease_owner = NULL, lease_token = NULL, lease_until = NULL, attempt_started = false, updated_at = {n}
              WHERE id = @id AND lease_token = @token AND state = 'Pending'
              RETURNING id, attempts)
            INSERT INTO {s}.attempts (delivery_id, number, started_at, ended_at, outcome, resumed, provider_attempts, provider_reference, message)
            SELECT id, attempts, {n}, {n}, @outcome, false, @provider_attempts, @reference, @message FROM d
            ON CONFLICT (delivery_id, number) DO UPDATE
              SET ended_at = excluded.ended_at, outcome = excluded.outcome, provider_attempts = excluded.provider_attempts,
                  provider_reference = excluded.provider_reference, message = excluded.message
            """;

        var notifyReleased = _notify ? $", (SELECT count(*) FROM d, LATERAL pg_notify('{_channel}', '') AS woken)" : string.Empty;
        _releaseSql =
            $"""
            WITH d AS (
              UPDATE {s}.deliveries
              SET resume = resume OR @started, attempt_started = false,
                  lease_owner = NULL, lease_token = NULL, lease_until = NULL, updated_at = {n}
              WHERE id = @id AND lease_token = @token AND state = 'Pending'
              RETURNING id, attempts),
            a AS (
              UPDATE {s}.attempts a
              SET ended_at = {n}, outcome = 'Interrupted', message = CASE WHEN @started THEN '{DeliveryRows.InterruptedAfterSending}' ELSE '{DeliveryRows.InterruptedBeforeSending}' END
              FROM d WHERE a.delivery_id = d.id AND a.number = d.attempts AND a.ended_at IS NULL
              RETURNING 1)
            SELECT (SELECT count(*) FROM d){notifyReleased}
            """;
    }

    /// <summary>Releases the store's own resources; the data source stays open (its owner disposes it).</summary>
    public void Dispose() => _initialization.Dispose();

    /// <summary>
    /// The SQL script that creates the store's schema (current version) in <paramref name="schema"/>: what the store
    /// runs itself when <see cref="PostgreSqlDeliveryStoreOptions.AutoCreateSchema"/> is on, for DBAs who apply
    /// migrations themselves. The package carries it for the default schema as <c>sql/purchasesdk-delivery-postgresql.sql</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a valid schema name.</exception>
    public static string GetSchemaScript(string schema = PostgreSqlDeliveryStoreOptions.DefaultSchema)
    {
        if (!PostgreSqlSchema.IsValidName(schema))
        {
            throw new ArgumentException($"The schema name '{schema}' is not allowed: lower-case letters, digits and underscores, starting with a letter or underscore, at most 40 characters.", nameof(schema));
        }

        return PostgreSqlSchema.Script(schema);
    }

    /// <summary>
    /// Creates the schema under an advisory lock when it is missing and <see cref="PostgreSqlDeliveryStoreOptions.AutoCreateSchema"/>
    /// is on; otherwise checks that it exists. Either way, refuses a schema whose version is newer than this code knows.
    /// Safe to call many times and from many instances at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The schema is newer than this code, missing while it may not be created, or its name is a reserved word.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken) => _initialization.RunAsync(CreateOrCheckSchemaAsync, cancellationToken);

    private async Task CreateOrCheckSchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var version = await ReadSchemaVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (version != PostgreSqlSchema.CurrentVersion)
            {
                Refuse(version, mayCreate: _autoCreate);
                await CreateSchemaAsync(connection, cancellationToken).ConfigureAwait(false);

                // In a new transaction: one that started before another instance created the schema may still hold
                // a cached "no such schema" (catalog caches are refreshed when a transaction starts).
                version = await ReadSchemaVersionAsync(connection, cancellationToken).ConfigureAwait(false);
                Refuse(version, mayCreate: false);
            }

            PostgreSqlStoreLog.SchemaReady(_logger, _schema, _database, _server, PostgreSqlSchema.CurrentVersion);
        }
        catch (PostgreSqlSchemaException exception)
        {
            PostgreSqlStoreLog.SchemaUnusable(_logger, exception.Message);
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// With <paramref name="connection"/> (an open <see cref="NpgsqlConnection"/> to the store's database, for example
    /// an EF Core <c>DbContext</c>'s <c>Database.GetDbConnection()</c>) and its <paramref name="transaction"/>
    /// (<c>Database.CurrentTransaction.GetDbTransaction()</c>), the order, its deliveries and the workers' notification
    /// commit or roll back with the application's own work.
    /// </remarks>
    public async Task<StoreEnqueueResult> EnqueueAsync(DeliveryEnqueueRequest request, DbConnection? connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        NpgsqlConnection? own = null;
        NpgsqlConnection npgsql;
        if (connection is null)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
            own = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            npgsql = own;
            transaction = null;
        }
        else
        {
            npgsql = CheckApplicationConnection(connection, transaction);

            // Through the store's own connection: the caller's transaction holds no lock on the schema.
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using var command = Command(npgsql, (NpgsqlTransaction?)transaction, _enqueueSql);
            Text(command, "order_id", request.OrderId);
            Text(command, "payload", request.Payload);
            command.Parameters.Add(new NpgsqlParameter<int>("schema_version", request.SchemaVersion));
            Text(command, "trace_parent", request.TraceParent);
            Text(command, "trace_state", request.TraceState);
            Text(command, "providers", JsonArray(request.Providers));
            var created = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return new StoreEnqueueResult(Convert.ToInt64(created, CultureInfo.InvariantCulture) > 0);
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string owner, int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);

        // After a lost connection the claim runs once more: if the first one had committed, its leases simply expire
        // (no attempt was started under them).
        return await RunAsync(
            async connection =>
            {
                var token = Guid.NewGuid().ToString("N");
                await using var command = Command(connection, null, _claimSql);
                Text(command, "owner", owner);
                Text(command, "token", token);
                command.Parameters.Add(new NpgsqlParameter<int>("max", maxCount));
                command.Parameters.Add(new NpgsqlParameter<double>("lease_ms", leaseDuration.TotalMilliseconds));
                var claimed = new List<ClaimedDelivery>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    claimed.Add(new ClaimedDelivery
                    {
                        Lease = new DeliveryLease(reader.GetInt64(0), token),
                        OrderId = reader.GetString(1),
                        Provider = reader.GetString(2),
                        Attempts = reader.GetInt32(3),
                        PendingSince = reader.GetFieldValue<DateTimeOffset>(4),
                        EarlierAttemptMayHaveLanded = reader.GetBoolean(5),
                        Payload = reader.IsDBNull(6) ? null : reader.GetString(6),
                        SchemaVersion = reader.GetInt32(7),
                        TraceParent = reader.IsDBNull(8) ? null : reader.GetString(8),
                        TraceState = reader.IsDBNull(9) ? null : reader.GetString(9),
                        ClaimedAt = reader.GetFieldValue<DateTimeOffset>(10),
                    });
                }

                return (IReadOnlyList<ClaimedDelivery>)claimed;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> MarkAttemptStartedAsync(DeliveryLease lease, CancellationToken cancellationToken) =>
        RunAsync(
            async connection =>
            {
                await using var command = Command(connection, null, _markSql);
                Lease(command, lease);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> CompleteAsync(DeliveryLease lease, DeliveryCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);

        // After a lost connection it runs once more; if the first had committed, the second finds the lease ended and
        // says false (the outcome is recorded all the same).
        return RunAsync(
            async connection =>
            {
                await using var command = Command(connection, null, _completeSql);
                Lease(command, lease);
                Text(command, "state", completion.State.ToString());
                command.Parameters.Add(new NpgsqlParameter<int>("new", completion.AttemptStarted ? 0 : 1));
                command.Parameters.Add(new NpgsqlParameter<double>("retry_ms", Math.Max(0, completion.RetryAfter.TotalMilliseconds)));
                Text(command, "reference", completion.ProviderReference);
                Text(command, "message", completion.Message);
                Text(command, "outcome", completion.Outcome.ToString());
                command.Parameters.Add(new NpgsqlParameter<int>("provider_attempts", completion.ProviderAttempts));
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(DeliveryLease lease, bool mayHaveBeenSent, CancellationToken cancellationToken) =>
        RunAsync(
            async connection =>
            {
                await using var command = Command(connection, null, _releaseSql);
                Lease(command, lease);
                command.Parameters.Add(new NpgsqlParameter<bool>("started", mayHaveBeenSent));
                return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<DeliveryStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        return await RunAsync(
            async connection =>
            {
                await using var command = Command(
                    connection,
                    null,
                    $"""
                    SELECT provider, state, count(*) FROM {_schema}.deliveries GROUP BY provider, state ORDER BY provider, state;
                    SELECT {_now}, min(pending_since) FROM {_schema}.deliveries WHERE state = 'Pending';
                    """);
                var counts = new List<DeliveryCount>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    counts.Add(new DeliveryCount(reader.GetString(0), DeliveryRows.ParseState(reader.GetString(1)), reader.GetInt64(2)));
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var now = reader.GetFieldValue<DateTimeOffset>(0);
                TimeSpan? oldest = reader.IsDBNull(1) ? null : Max(now - reader.GetFieldValue<DateTimeOffset>(1), TimeSpan.Zero);
                return new DeliveryStatistics { Counts = counts, OldestPendingAge = oldest };
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DeliveryHistory> GetHistoryAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken)
    {
        var count = DeliveryRows.HistoryBucketCount(window, bucket);
        return await RunAsync(
            async connection =>
            {
                var now = await NowAsync(connection, cancellationToken).ConfigureAwait(false);
                var from = now - (bucket * count);
                await using var command = Command(
                    connection,
                    null,
                    $"""
                    SELECT state, floor(EXTRACT(EPOCH FROM (COALESCE(finished_at, updated_at) - @from)) * 1000 / @size_ms)::bigint AS bucket, count(*)
                    FROM {_schema}.deliveries
                    WHERE (state IN ('Succeeded', 'Failed') AND finished_at >= @from) OR (state = 'Indeterminate' AND updated_at >= @from)
                    GROUP BY state, bucket
                    """);
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from));
                command.Parameters.Add(new NpgsqlParameter<double>("size_ms", bucket.TotalMilliseconds));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await DeliveryRows.ReadHistoryAsync(reader, from, bucket, count, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await RunAsync(
            async connection =>
            {
                var (where, parameters) = Where(query.Filter);
                await using var command = Command(connection, null, $"SELECT {DeliveryColumns} FROM {_schema}.deliveries WHERE {where} AND id > @after ORDER BY id LIMIT @limit");
                command.Parameters.AddRange(parameters.ToArray());
                command.Parameters.Add(new NpgsqlParameter<long>("after", query.AfterId ?? 0));
                command.Parameters.Add(new NpgsqlParameter<int>("limit", query.PageSize + 1));
                return DeliveryRows.Page(await Rows.ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false), query.PageSize);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(DeliveryFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return await RunAsync(
            async connection =>
            {
                var (where, parameters) = Where(filter);
                await using var command = Command(connection, null, $"SELECT count(*) FROM {_schema}.deliveries WHERE {where}");
                command.Parameters.AddRange(parameters.ToArray());
                return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<OrderDeliveries?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        return await RunAsync(
            async connection =>
            {
                DateTimeOffset enqueuedAt;
                bool hasPayload;
                await using (var order = Command(connection, null, $"SELECT enqueued_at, payload IS NOT NULL FROM {_schema}.orders WHERE order_id = @order_id"))
                {
                    Text(order, "order_id", orderId);
                    await using var reader = await order.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    enqueuedAt = reader.GetFieldValue<DateTimeOffset>(0);
                    hasPayload = reader.GetBoolean(1);
                }

                await using var command = Command(connection, null, $"SELECT {DeliveryColumns} FROM {_schema}.deliveries WHERE order_id = @order_id ORDER BY id");
                Text(command, "order_id", orderId);
                var deliveries = await Rows.ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
                var history = await ReadHistoryAsync(connection, $"delivery_id IN (SELECT id FROM {_schema}.deliveries WHERE order_id = @order_id)", "order_id", orderId, cancellationToken).ConfigureAwait(false);
                return new OrderDeliveries
                {
                    OrderId = orderId,
                    EnqueuedAt = enqueuedAt,
                    HasPayload = hasPayload,
                    Deliveries = [.. deliveries.Select(d => WithHistory(d, history))],
                };
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DeliveryRecord?> GetDeliveryAsync(long deliveryId, CancellationToken cancellationToken)
    {
        return await RunAsync(
            async connection =>
            {
                await using var command = Command(connection, null, $"SELECT {DeliveryColumns} FROM {_schema}.deliveries WHERE id = @id");
                command.Parameters.Add(new NpgsqlParameter<long>("id", deliveryId));
                var records = await Rows.ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
                if (records.Count == 0)
                {
                    return null;
                }

                var history = await ReadHistoryAsync(connection, "delivery_id = @id", "id", deliveryId, cancellationToken).ConfigureAwait(false);
                return WithHistory(records[0], history);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DeliveryChangeResult> ChangeAsync(long deliveryId, DeliveryAdminChange change, string? providerReference, CancellationToken cancellationToken)
    {
        var n = _now;
        var (update, wakes) = change switch
        {
            DeliveryAdminChange.Redrive => (
                $"UPDATE {_schema}.deliveries SET state = 'Pending', due_at = {n}, pending_since = {n}, finished_at = NULL, updated_at = {n}, resolution = 'Re-driven by an administrator' WHERE id = @id AND state = 'Failed' RETURNING 1",
                true),
            DeliveryAdminChange.ResolveAsDelivered => (
                $"UPDATE {_schema}.deliveries SET state = 'Succeeded', provider_reference = COALESCE(@reference, provider_reference), finished_at = {n}, updated_at = {n}, resolution = 'Resolved as delivered by an administrator' WHERE id = @id AND state = 'Indeterminate' RETURNING 1",
                false),
            DeliveryAdminChange.Resend => (
                $"UPDATE {_schema}.deliveries SET state = 'Pending', due_at = {n}, pending_since = {n}, resume = false, attempt_started = false, finished_at = NULL, updated_at = {n}, resolution = 'Re-sent by an administrator who accepted the risk of a duplicate' WHERE id = @id AND state = 'Indeterminate' RETURNING 1",
                true),
            DeliveryAdminChange.Cancel => (
                $"UPDATE {_schema}.deliveries SET state = 'Cancelled', finished_at = {n}, updated_at = {n}, lease_owner = NULL, lease_token = NULL, lease_until = NULL, attempt_started = false, resolution = 'Cancelled by an administrator' WHERE id = @id AND state IN ('Pending', 'Failed', 'Indeterminate') RETURNING 1",
                false),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown change."),
        };

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var wake = wakes && _notify ? $", (SELECT count(*) FROM c, LATERAL pg_notify('{_channel}', '') AS woken)" : string.Empty;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            null,
            $"WITH c AS ({update}) SELECT (SELECT count(*) FROM c), EXISTS (SELECT 1 FROM {_schema}.deliveries WHERE id = @id){wake}");
        command.Parameters.Add(new NpgsqlParameter<long>("id", deliveryId));
        Text(command, "reference", providerReference);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.GetInt64(0) > 0 ? DeliveryChangeResult.Changed
            : reader.GetBoolean(1) ? DeliveryChangeResult.NotAllowedInCurrentState
            : DeliveryChangeResult.NotFound;
    }

    /// <inheritdoc />
    /// <remarks>Deletes in batches of a few thousand rows, each its own transaction, so a large purge holds no long locks.</remarks>
    public async Task<int> PurgeAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var s = _schema;
        var total = 0;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = await NowAsync(connection, cancellationToken).ConfigureAwait(false) - olderThan;
        while (true)
        {
            await using var command = Command(
                connection,
                null,
                $"""
                WITH gone AS (
                  DELETE FROM {s}.deliveries WHERE id IN (
                    SELECT id FROM {s}.deliveries
                    WHERE finished_at <= @cutoff AND state IN {Terminal}
                    ORDER BY finished_at LIMIT {PurgeBatch}
                    FOR UPDATE SKIP LOCKED)
                  RETURNING id, order_id),
                emptied AS (
                  UPDATE {s}.orders o SET payload = NULL
                  WHERE o.order_id IN (SELECT order_id FROM gone) AND o.payload IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM {s}.deliveries d WHERE d.order_id = o.order_id AND d.id NOT IN (SELECT id FROM gone))
                  RETURNING 1)
                SELECT count(*) FROM gone
                """);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("cutoff", cutoff));
            var deleted = (int)Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            total += deleted;
            if (deleted < PurgeBatch)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Holds one <c>LISTEN</c> connection until cancelled and calls <paramref name="onDue"/> on every notification of an
    /// enqueue (or re-drive, re-send, delivery given back) from any instance. A lost connection is opened again with
    /// backoff (250 ms doubling to 15 s), and <paramref name="onDue"/> is called after each reconnection, since a
    /// notification may have been missed meanwhile. With <see cref="PostgreSqlDeliveryStoreOptions.Notifications"/>
    /// off it only waits for the cancellation.
    /// </summary>
    public async Task ListenAsync(Action onDue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onDue);
        if (!_notify)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }

            return;
        }

        var backoff = ListenFirstBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await InitializeAsync(cancellationToken).ConfigureAwait(false);
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, _) => onDue();
                await using (var listen = new NpgsqlCommand($"LISTEN {_channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                PostgreSqlStoreLog.Listening(_logger, _channel, _database, _server);
                backoff = ListenFirstBackoff;
                onDue();
                try
                {
                    while (true)
                    {
                        if (!await connection.WaitAsync(ListenKeepAlive, cancellationToken).ConfigureAwait(false))
                        {
                            // Quiet for a while: make sure the connection is still there.
                            await using var ping = new NpgsqlCommand("SELECT 1", connection);
                            await ping.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await UnlistenAsync(connection).ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
            {
                PostgreSqlStoreLog.ListenFailed(_logger, _database, _server, Describe(exception), (long)backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = backoff * 2 > ListenMaxBackoff ? ListenMaxBackoff : backoff * 2;
            }
        }
    }

    /// <summary>An exception's type and message, for a log line (Npgsql's messages carry no connection-string values).</summary>
    internal static string Describe(Exception exception) =>
        exception is PostgresException postgres ? $"{postgres.SqlState}: {postgres.MessageText}" : $"{exception.GetType().Name}: {exception.Message}";

    private static async Task UnlistenAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection);
            unlisten.CommandTimeout = 5;
            await unlisten.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or IOException or InvalidOperationException)
        {
            // The connection is going back to the pool (reset there) or is broken (discarded).
        }
    }

    /// <summary>A stable key of the advisory lock that serializes schema creation in <paramref name="schema"/> (FNV-1a of its name).</summary>
    private static long AdvisoryLockKey(string schema)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("PurchaseSdk.Delivery.PostgreSql:" + schema))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }

    private void Refuse(int? version, bool mayCreate)
    {
        if (version > PostgreSqlSchema.CurrentVersion)
        {
            throw new PostgreSqlSchemaException(
                $"The delivery schema '{_schema}' in database '{_database}' on {_server} is at version {version}, newer than this PurchaseSdk.Delivery.PostgreSql " +
                $"({typeof(PostgreSqlDeliveryStore).Assembly.GetName().Version}) knows (version {PostgreSqlSchema.CurrentVersion}): an instance running a newer " +
                "version of the package has upgraded it. Upgrade this application's PurchaseSdk.Delivery.PostgreSql, or point it at another schema (PurchaseSdk:Delivery:PostgreSql:Schema).");
        }

        if (!mayCreate && version is null)
        {
            throw new PostgreSqlSchemaException(
                $"The delivery schema '{_schema}' does not exist in database '{_database}' on {_server}, and PurchaseSdk:Delivery:PostgreSql:AutoCreateSchema is false: " +
                $"apply the package's sql/{PostgreSqlSchema.ScriptFileName} (or PostgreSqlDeliveryStore.GetSchemaScript(\"{_schema}\")) first, or set AutoCreateSchema to true.");
        }

        if (!mayCreate && version < PostgreSqlSchema.CurrentVersion)
        {
            throw new PostgreSqlSchemaException(
                $"The delivery schema '{_schema}' in database '{_database}' on {_server} is at version {version}, older than this code needs ({PostgreSqlSchema.CurrentVersion}): " +
                (_autoCreate ? "this package has no upgrade from it." : "apply the package's upgrade script first, or set PurchaseSdk:Delivery:PostgreSql:AutoCreateSchema to true."));
        }
    }

    /// <summary>
    /// Creates the schema unless it exists, under a transaction-scoped advisory lock, so that instances starting
    /// together create it once. Whether it exists is read from the catalog tables with the statement's own snapshot
    /// (taken after the lock), not through a name lookup that may be cached from before the lock.
    /// </summary>
    private async Task CreateSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            locking.Parameters.Add(new NpgsqlParameter<long>("key", AdvisoryLockKey(_schema)));
            await locking.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        bool exists;
        await using (var check = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relname = 'schema_version')",
            connection,
            transaction))
        {
            Text(check, "schema", _schema);
            exists = (bool)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (!exists)
        {
            await using var create = new NpgsqlCommand(PostgreSqlSchema.Script(_schema), connection, transaction);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (!exists)
        {
            PostgreSqlStoreLog.SchemaCreated(_logger, _schema, PostgreSqlSchema.CurrentVersion, _database, _server);
        }
    }

    /// <summary>The schema's version, or null when it has no version table; each statement in a transaction of its own.</summary>
    private async Task<int?> ReadSchemaVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var check = new NpgsqlCommand("SELECT quote_ident(@schema) = @schema, to_regclass(@table) IS NOT NULL", connection))
        {
            Text(check, "schema", _schema);
            Text(check, "table", _schema + ".schema_version");
            await using var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!reader.GetBoolean(0))
            {
                throw new PostgreSqlSchemaException($"The schema name '{_schema}' is a reserved word in PostgreSQL; choose another (PurchaseSdk:Delivery:PostgreSql:Schema).");
            }

            if (!reader.GetBoolean(1))
            {
                return null;
            }
        }

        await using var read = new NpgsqlCommand($"SELECT max(version) FROM {_schema}.schema_version", connection);
        var version = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return version is null or DBNull ? null : Convert.ToInt32(version, CultureInfo.InvariantCulture);
    }

    private NpgsqlConnection CheckApplicationConnection(DbConnection connection, DbTransaction? transaction)
    {
        if (connection is not NpgsqlConnection npgsql)
        {
            throw new ArgumentException($"The PostgreSQL delivery store writes through an NpgsqlConnection to its own database; got a {connection.GetType().Name}.", nameof(connection));
        }

        if (transaction is not null and not NpgsqlTransaction)
        {
            throw new ArgumentException($"The PostgreSQL delivery store needs an NpgsqlTransaction; got a {transaction.GetType().Name}.", nameof(transaction));
        }

        if (transaction is not null && !ReferenceEquals(transaction.Connection, connection))
        {
            throw new ArgumentException("The transaction does not belong to the connection (it may have been committed or rolled back already).", nameof(transaction));
        }

        if (npgsql.State != System.Data.ConnectionState.Open)
        {
            throw new ArgumentException("The connection must be open.", nameof(connection));
        }

        if (!string.IsNullOrEmpty(npgsql.Database) && !string.Equals(npgsql.Database, _database, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The connection is to database '{npgsql.Database}', the delivery store's is '{_database}': an enqueue can share a transaction only with work in the same database.", nameof(connection));
        }

        return npgsql;
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on a pooled connection of the initialized store; when the connection turns out
    /// to be lost (the server restarted, the backend was terminated, the network dropped), clears the pool (its other
    /// idle connections are usually lost too) and runs it once more on a new connection.
    /// </summary>
    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                return await operation(connection).ConfigureAwait(false);
            }
            catch (Exception exception) when (attempt == 1 && IsConnectionLoss(exception) && !cancellationToken.IsCancellationRequested)
            {
                PostgreSqlStoreLog.ConnectionLost(_logger, _database, _server, Describe(exception));
                _dataSource.Clear();
            }
        }
    }

    private static bool IsConnectionLoss(Exception exception) => exception switch
    {
        // admin_shutdown, crash_shutdown, cannot_connect_now, and the connection_exception class.
        PostgresException postgres => postgres.SqlState is "57P01" or "57P02" or "57P03" || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.InnerException is IOException or System.Net.Sockets.SocketException || npgsql.IsTransient,
        _ => false,
    };

    private async Task<DateTimeOffset> NowAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_clock is { } clock)
        {
            return clock.GetUtcNow();
        }

        await using var command = new NpgsqlCommand("SELECT now()", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        if (_clock is { } clock && sql.Contains("@now", StringComparison.Ordinal))
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", clock.GetUtcNow()));
        }

        return command;
    }

    private static void Text(NpgsqlCommand command, string name, string? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = value is null ? DBNull.Value : value });

    private static void Lease(NpgsqlCommand command, DeliveryLease lease)
    {
        command.Parameters.Add(new NpgsqlParameter<long>("id", lease.DeliveryId));
        Text(command, "token", lease.Token);
    }

    private static string JsonArray(IReadOnlyList<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private async Task<Dictionary<long, List<DeliveryAttempt>>> ReadHistoryAsync<TKey>(NpgsqlConnection connection, string where, string parameter, TKey value, CancellationToken cancellationToken)
    {
        var history = new Dictionary<long, List<DeliveryAttempt>>();
        await using var command = Command(
            connection,
            null,
            $"SELECT delivery_id, number, started_at, ended_at, outcome, resumed, provider_attempts, provider_reference, message FROM {_schema}.attempts WHERE {where} ORDER BY delivery_id, number");
        command.Parameters.Add(new NpgsqlParameter<TKey>(parameter, value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            if (!history.TryGetValue(id, out var attempts))
            {
                history[id] = attempts = [];
            }

            attempts.Add(Rows.Attempt(reader, 1));
        }

        return history;
    }

    private static DeliveryRecord WithHistory(DeliveryRecord record, Dictionary<long, List<DeliveryAttempt>> history) =>
        DeliveryRows.WithHistory(record, history.TryGetValue(record.Id, out var attempts) ? attempts : []);

    private static (string Where, List<NpgsqlParameter> Parameters) Where(DeliveryFilter filter)
    {
        var clauses = new List<string> { "true" };
        var parameters = new List<NpgsqlParameter>();
        if (filter.State is { } state)
        {
            clauses.Add("state = @state");
            parameters.Add(new NpgsqlParameter("state", NpgsqlDbType.Text) { Value = state.ToString() });
        }

        if (filter.Provider is { } provider)
        {
            clauses.Add("provider = @provider");
            parameters.Add(new NpgsqlParameter("provider", NpgsqlDbType.Text) { Value = provider });
        }

        if (filter.OrderId is { } orderId)
        {
            clauses.Add("order_id = @order_id");
            parameters.Add(new NpgsqlParameter("order_id", NpgsqlDbType.Text) { Value = orderId });
        }

        return (string.Join(" AND ", clauses), parameters);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Rows as PostgreSQL keeps them: <c>timestamptz</c> and <c>boolean</c>.</summary>
    private static readonly DeliveryRows Rows = new(static (reader, i) => reader.GetFieldValue<DateTimeOffset>(i), static (reader, i) => reader.GetBoolean(i));
}
