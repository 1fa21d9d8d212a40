using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PurchaseSdk.Delivery.PostgreSql;

/// <summary>
/// The store's schema: the SQL script of each version (one source for the automatic creation, the packaged
/// <c>sql/purchasesdk-delivery-postgresql.sql</c> and the README), and the rules for a schema name.
/// </summary>
internal static partial class PostgreSqlSchema
{
    /// <summary>The schema version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The file name of the script in the package (under <c>sql/</c>).</summary>
    public const string ScriptFileName = "purchasesdk-delivery-postgresql.sql";

    /// <summary>True when <paramref name="schema"/> may name the store's schema (a lower-case identifier; reserved words are refused at start).</summary>
    public static bool IsValidName(string? schema) => schema is not null && Identifier().IsMatch(schema);

    /// <summary>The notification channel of the store in <paramref name="schema"/>.</summary>
    public static string Channel(string schema) => schema + "_due";

    /// <summary>The script that creates version <see cref="CurrentVersion"/> of the schema in an empty database.</summary>
    public static string Script(string schema) => string.Format(CultureInfo.InvariantCulture, Format, schema, CurrentVersion, Channel(schema)).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static readonly CompositeFormat Format = CompositeFormat.Parse(Template);

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    private const string Template =
        """
        -- PurchaseSdk.Delivery.PostgreSql: the durable-delivery schema "{0}", version {1}.
        --
        -- The store creates it at start when PurchaseSdk:Delivery:PostgreSql:AutoCreateSchema is true (the default).
        -- To apply it yourself instead, run this script once, in one transaction (psql -1 -f), as a role that may create
        -- the schema, and set AutoCreateSchema to false. The application's role then needs:
        --   GRANT USAGE ON SCHEMA {0} TO my_app;
        --   GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {0} TO my_app;
        -- Workers wake each other with NOTIFY / LISTEN on the channel {2}.

        CREATE SCHEMA IF NOT EXISTS {0};

        -- One row per applied version; a store refuses to start against a version newer than it knows.
        CREATE TABLE {0}.schema_version (
          version integer PRIMARY KEY,
          description text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now());

        -- One row per order id, ever: enqueueing an order id again stores nothing. The payload (versioned JSON, contexts
        -- protected with ASP.NET Core data protection) is cleared by a purge once no delivery needs it.
        CREATE TABLE {0}.orders (
          order_id text PRIMARY KEY,
          payload text NULL,
          schema_version integer NOT NULL,
          trace_parent text NULL,
          trace_state text NULL,
          enqueued_at timestamptz NOT NULL);

        -- One row per (order id, provider). Times are the database's clock. A pending delivery can be claimed from
        -- COALESCE(lease_until, due_at) on: when it is due, or when the lease of a worker that died has expired.
        CREATE TABLE {0}.deliveries (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          order_id text NOT NULL REFERENCES {0}.orders (order_id),
          provider text NOT NULL,
          state text NOT NULL CHECK (state IN ('Pending', 'Succeeded', 'Skipped', 'Failed', 'Indeterminate', 'Cancelled')),
          enqueued_at timestamptz NOT NULL,
          pending_since timestamptz NOT NULL,
          due_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          finished_at timestamptz NULL,
          attempts integer NOT NULL DEFAULT 0,
          lease_owner text NULL,
          lease_token text NULL,
          lease_until timestamptz NULL,
          attempt_started boolean NOT NULL DEFAULT false,
          resume boolean NOT NULL DEFAULT false,
          provider_reference text NULL,
          last_error text NULL,
          resolution text NULL,
          UNIQUE (order_id, provider));

        -- The claim: SELECT ... WHERE state = 'Pending' AND COALESCE(lease_until, due_at) <= now() ORDER BY 1, id
        -- LIMIT n FOR UPDATE SKIP LOCKED walks this index from its start, which holds only what is pending.
        CREATE INDEX deliveries_claimable ON {0}.deliveries ((COALESCE(lease_until, due_at)), id) WHERE state = 'Pending';
        -- Purge (finished before a cut-off) and history (finished or parked per time bucket).
        CREATE INDEX deliveries_finished ON {0}.deliveries (finished_at) WHERE finished_at IS NOT NULL;
        CREATE INDEX deliveries_parked ON {0}.deliveries (updated_at) WHERE state = 'Indeterminate';

        -- Each attempt of a delivery; "worker" is the lease owner that started it (machine/process/instance).
        CREATE TABLE {0}.attempts (
          delivery_id bigint NOT NULL REFERENCES {0}.deliveries (id) ON DELETE CASCADE,
          number integer NOT NULL,
          started_at timestamptz NOT NULL,
          ended_at timestamptz NULL,
          outcome text NOT NULL,
          resumed boolean NOT NULL DEFAULT false,
          provider_attempts integer NOT NULL DEFAULT 0,
          provider_reference text NULL,
          message text NULL,
          worker text NULL,
          PRIMARY KEY (delivery_id, number));

        INSERT INTO {0}.schema_version (version, description) VALUES ({1}, 'orders, deliveries, attempts');

        """;
}
