/**
 * The PostgreSQL schema, as an append-only list of steps (SQLite's is in ../migrations.ts; the two
 * describe the same tables). Replicas that start together all call `migrate`: a transaction-scoped
 * advisory lock lets one apply the pending steps while the others wait, then find nothing left to do.
 * DDL is transactional in PostgreSQL, so a step is applied entirely or not at all.
 * Never edit a released step: add a new one.
 */
import type { PoolClient } from "pg";

export interface PgMigration {
  version: number;
  description: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    description: "channel settings, feedback, remembered queries, question log, subscriptions with next due instant, posts, deliveries",
    sql: `
      CREATE TABLE channel_settings (
        platform     TEXT NOT NULL,
        channel_id   TEXT NOT NULL,
        respond_mode TEXT NOT NULL CHECK (respond_mode IN ('mentions', 'questions', 'all')),
        updated_at   TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (platform, channel_id)
      );

      CREATE TABLE feedback (
        platform   TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        passage_id TEXT NOT NULL,
        query      TEXT NOT NULL,
        helpful    BOOLEAN NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        UNIQUE (platform, channel_id, user_id, passage_id, query)
      );

      CREATE TABLE queries (
        id         TEXT PRIMARY KEY,
        text       TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      );

      -- Questions asked, for reports (never who asked); pruned by age like feedback and remembered queries.
      CREATE TABLE query_log (
        platform    TEXT NOT NULL,
        channel_id  TEXT NOT NULL,
        source      TEXT NOT NULL CHECK (source IN ('search', 'message')),
        query       TEXT NOT NULL,
        hits        INTEGER NOT NULL,
        strong_hits INTEGER NOT NULL,
        at          TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX query_log_at ON query_log (at);
      CREATE INDEX query_log_channel ON query_log (platform, channel_id, at);
      CREATE INDEX feedback_created_at ON feedback (created_at);
      CREATE INDEX queries_created_at ON queries (created_at);

      CREATE TABLE subscriptions (
        platform    TEXT NOT NULL,
        channel_id  TEXT NOT NULL,
        time        TEXT NOT NULL,
        timezone    TEXT NOT NULL,
        weekdays    BOOLEAN NOT NULL,
        created_by  TEXT NOT NULL,
        locale      TEXT,
        since       TIMESTAMPTZ NOT NULL,
        next_due_at TIMESTAMPTZ NOT NULL DEFAULT 'epoch',
        PRIMARY KEY (platform, channel_id)
      );
      CREATE INDEX subscriptions_due ON subscriptions (platform, next_due_at);

      -- One row per channel and local day: the unique key is what makes a post happen exactly once.
      CREATE TABLE posts (
        platform    TEXT NOT NULL,
        channel_id  TEXT NOT NULL,
        local_date  TEXT NOT NULL,
        lesson_id   TEXT NOT NULL,
        cycle       INTEGER NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('claimed', 'sending', 'posted', 'failed')),
        owner       TEXT NOT NULL,
        lease_until TIMESTAMPTZ NOT NULL,
        attempts    INTEGER NOT NULL DEFAULT 0,
        claimed_at  TIMESTAMPTZ NOT NULL,
        posted_at   TIMESTAMPTZ,
        error       TEXT,
        PRIMARY KEY (platform, channel_id, local_date)
      );
      CREATE INDEX posts_unfinished ON posts (lease_until) WHERE status IN ('claimed', 'sending', 'failed');

      -- Slack event ids and trigger_ids already answered by some replica, until Slack stops retrying.
      CREATE TABLE deliveries (
        id         TEXT PRIMARY KEY,
        expires_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX deliveries_expiry ON deliveries (expires_at);
    `,
  },
];

/** Brings the schema on `client`'s search path up to date; returns the version it is at. */
export async function migratePg(client: PoolClient, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0;
  await client.query("BEGIN");
  try {
    // One lock per schema, so tests (or tenants) in other schemas don't wait for each other.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('lessonbot.migrate:' || current_schema()))");
    await client.query(
      `CREATE TABLE IF NOT EXISTS lessonbot_migrations (
         version     INTEGER PRIMARY KEY,
         description TEXT NOT NULL,
         applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number | null }>("SELECT MAX(version) AS version FROM lessonbot_migrations");
    const current = rows[0]?.version ?? 0;
    if (current > latest) {
      throw new Error(`database schema version ${current} is newer than this bot knows (${latest}); upgrade the bot`);
    }
    for (const step of migrations) {
      if (step.version <= current) continue;
      await client.query(step.sql);
      await client.query("INSERT INTO lessonbot_migrations (version, description) VALUES ($1, $2)", [step.version, step.description]);
    }
    await client.query("COMMIT");
    return latest;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
