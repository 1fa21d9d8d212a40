using System.Data.Common;

namespace PurchaseSdk.Delivery.Storage;

/// <summary>
/// Reads the rows of the delivery and attempt tables, for every store that keeps them (linked as source into each store
/// package). The columns are the same in every store; how a time or a flag is stored is not (Unix milliseconds and
/// integers in SQLite, <c>timestamptz</c> and <c>boolean</c> in PostgreSQL), so each store says how to read one.
/// </summary>
internal sealed class DeliveryRows
{
    /// <summary>The message of an attempt given back by a stopping host after the provider may have received it (SQL-safe: no quote).</summary>
    public const string InterruptedAfterSending = "The host shut down during the call, after the provider may have received it; the next attempt asks the provider before sending.";

    /// <summary>The message of an attempt given back by a stopping host before the provider can have recorded anything (SQL-safe: no quote).</summary>
    public const string InterruptedBeforeSending = "The host shut down during the call, before the provider can have recorded anything; the next attempt sends it again.";

    private readonly Func<DbDataReader, int, DateTimeOffset> _time;
    private readonly Func<DbDataReader, int, bool> _flag;

    /// <summary>How many buckets of <paramref name="bucket"/> a history over <paramref name="window"/> has (a whole number, at least one).</summary>
    public static int HistoryBucketCount(TimeSpan window, TimeSpan bucket)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucket, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, bucket);
        return (int)(window.Ticks / bucket.Ticks);
    }

    /// <summary>
    /// The history from the rows <c>state, bucket index, count</c> of finished and parked deliveries: <paramref name="count"/>
    /// buckets of <paramref name="bucket"/> from <paramref name="from"/>; an index outside the window counts in the nearest bucket.
    /// </summary>
    public static async Task<DeliveryHistory> ReadHistoryAsync(DbDataReader reader, DateTimeOffset from, TimeSpan bucket, int count, CancellationToken cancellationToken)
    {
        var buckets = new (long Succeeded, long Failed, long Indeterminate)[count];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var index = (int)Math.Clamp(reader.GetInt64(1), 0, count - 1);
            var n = reader.GetInt64(2);
            buckets[index] = reader.GetString(0) switch
            {
                "Succeeded" => buckets[index] with { Succeeded = buckets[index].Succeeded + n },
                "Failed" => buckets[index] with { Failed = buckets[index].Failed + n },
                _ => buckets[index] with { Indeterminate = buckets[index].Indeterminate + n },
            };
        }

        return new DeliveryHistory
        {
            From = from,
            BucketSize = bucket,
            Buckets = [.. buckets.Select((b, i) => new DeliveryHistoryBucket(from + (bucket * i), b.Succeeded, b.Failed, b.Indeterminate))],
        };
    }

    public DeliveryRows(Func<DbDataReader, int, DateTimeOffset> time, Func<DbDataReader, int, bool> flag)
    {
        _time = time;
        _flag = flag;
    }

    /// <summary>
    /// A delivery from the columns <c>id, order_id, provider, state, enqueued_at, updated_at, next_attempt_at,
    /// finished_at, leased_until, attempts, earlier_attempt_may_have_landed, provider_reference, last_error, resolution</c>.
    /// </summary>
    public DeliveryRecord Record(DbDataReader reader)
    {
        var state = ParseState(reader.GetString(3));
        return new DeliveryRecord
        {
            Id = reader.GetInt64(0),
            OrderId = reader.GetString(1),
            Provider = reader.GetString(2),
            State = state,
            EnqueuedAt = _time(reader, 4),
            UpdatedAt = _time(reader, 5),
            NextAttemptAt = state == DeliveryState.Pending ? _time(reader, 6) : null,
            FinishedAt = reader.IsDBNull(7) ? null : _time(reader, 7),
            LeasedUntil = reader.IsDBNull(8) ? null : _time(reader, 8),
            Attempts = reader.GetInt32(9),
            EarlierAttemptMayHaveLanded = _flag(reader, 10),
            ProviderReference = reader.IsDBNull(11) ? null : reader.GetString(11),
            LastError = reader.IsDBNull(12) ? null : reader.GetString(12),
            Resolution = reader.IsDBNull(13) ? null : reader.GetString(13),
        };
    }

    /// <summary>
    /// An attempt from the columns <c>number, started_at, ended_at, outcome, resumed, provider_attempts,
    /// provider_reference, message</c>, the first of them at <paramref name="first"/>.
    /// </summary>
    public DeliveryAttempt Attempt(DbDataReader reader, int first) => new()
    {
        Number = reader.GetInt32(first),
        StartedAt = _time(reader, first + 1),
        EndedAt = reader.IsDBNull(first + 2) ? null : _time(reader, first + 2),
        Outcome = Enum.TryParse<DeliveryAttemptOutcome>(reader.GetString(first + 3), out var outcome) ? outcome : DeliveryAttemptOutcome.InProgress,
        Resumed = _flag(reader, first + 4),
        ProviderAttempts = reader.GetInt32(first + 5),
        ProviderReference = reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6),
        Message = reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7),
    };

    /// <summary>Every row of <paramref name="command"/>'s result as a delivery.</summary>
    public async Task<List<DeliveryRecord>> ReadRecordsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var records = new List<DeliveryRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Record(reader));
        }

        return records;
    }

    /// <summary>
    /// The page of a list read with <c>LIMIT pageSize + 1</c>: the extra row, when there is one, is dropped and only says
    /// that more follow, after the page's last id.
    /// </summary>
    public static DeliveryPage Page(List<DeliveryRecord> items, int pageSize)
    {
        long? next = null;
        if (items.Count > pageSize)
        {
            items.RemoveAt(items.Count - 1);
            next = items[^1].Id;
        }

        return new DeliveryPage(items, next);
    }

    /// <summary><paramref name="record"/> with its attempts.</summary>
    public static DeliveryRecord WithHistory(DeliveryRecord record, IReadOnlyList<DeliveryAttempt> history) => new()
    {
        Id = record.Id,
        OrderId = record.OrderId,
        Provider = record.Provider,
        State = record.State,
        EnqueuedAt = record.EnqueuedAt,
        UpdatedAt = record.UpdatedAt,
        NextAttemptAt = record.NextAttemptAt,
        FinishedAt = record.FinishedAt,
        LeasedUntil = record.LeasedUntil,
        Attempts = record.Attempts,
        EarlierAttemptMayHaveLanded = record.EarlierAttemptMayHaveLanded,
        ProviderReference = record.ProviderReference,
        LastError = record.LastError,
        Resolution = record.Resolution,
        History = history,
    };

    public static DeliveryState ParseState(string state) =>
        Enum.TryParse<DeliveryState>(state, out var parsed) ? parsed : throw new InvalidOperationException($"Unknown delivery state '{state}' in the store.");
}
