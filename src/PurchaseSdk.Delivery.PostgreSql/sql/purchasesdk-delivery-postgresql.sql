-- PurchaseSdk.Delivery.PostgreSql: the durable-delivery schema "purchasesdk", version 1.
--
-- The store creates it at start when PurchaseSdk:Delivery:PostgreSql:AutoCreateSchema is true (the default).
-- To apply it yourself instead, run this script once, in one transaction (psql -1 -f), as a role that may create
-- the schema, and set AutoCreateSchema to false. The application's role then needs:
--   GRANT USAGE ON SCHEMA purchasesdk TO my_app;
--   GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA purchasesdk TO my_app;
-- Workers wake each other with NOTIFY / LISTEN on the channel purchasesdk_due.

CREATE SCHEMA IF NOT EXISTS purchasesdk;

-- One row per applied version; a store refuses to start against a version newer than it knows.
CREATE TABLE purchasesdk.schema_version (
  version integer PRIMARY KEY,
  description text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now());

-- One row per order id, ever: enqueueing an order id again stores nothing. The payload (versioned JSON, contexts
-- protected with ASP.NET Core data protection) is cleared by a purge once no delivery needs it.
CREATE TABLE purchasesdk.orders (
  order_id text PRIMARY KEY,
  payload text NULL,
  schema_version integer NOT NULL,
  trace_parent text NULL,
  trace_state text NULL,
  enqueued_at timestamptz NOT NULL);

-- One row per (order id, provider). Times are the database's clock. A pending delivery can be claimed from
-- COALESCE(lease_until, due_at) on: when it is due, or when the lease of a worker that died has expired.
CREATE TABLE purchasesdk.deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id text NOT NULL REFERENCES purchasesdk.orders (order_id),
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
CREATE INDEX deliveries_claimable ON purchasesdk.deliveries ((COALESCE(lease_until, due_at)), id) WHERE state = 'Pending';
-- Purge (finished before a cut-off) and history (finished or parked per time bucket).
CREATE INDEX deliveries_finished ON purchasesdk.deliveries (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX deliveries_parked ON purchasesdk.deliveries (updated_at) WHERE state = 'Indeterminate';

-- Each attempt of a delivery; "worker" is the lease owner that started it (machine/process/instance).
CREATE TABLE purchasesdk.attempts (
  delivery_id bigint NOT NULL REFERENCES purchasesdk.deliveries (id) ON DELETE CASCADE,
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

INSERT INTO purchasesdk.schema_version (version, description) VALUES (1, 'orders, deliveries, attempts');
