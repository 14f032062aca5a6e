/**
 * The SQLite schema, as an append-only list of steps (PostgreSQL's is in postgres/migrations.ts). A database records how many it has applied in
 * `PRAGMA user_version`; opening it applies the rest, each step in its own transaction.
 * Never edit a released step: add a new one.
 */
import type Database from "better-sqlite3";

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "channel settings, feedback, remembered queries, subscriptions, posts",
    sql: `
      CREATE TABLE channel_settings (
        platform     TEXT NOT NULL,
        channel_id   TEXT NOT NULL,
        respond_mode TEXT NOT NULL CHECK (respond_mode IN ('mentions', 'questions', 'all')),
        updated_at   INTEGER NOT NULL,
        PRIMARY KEY (platform, channel_id)
      );

      CREATE TABLE feedback (
        platform   TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        passage_id TEXT NOT NULL,
        query      TEXT NOT NULL,
        helpful    INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        created_at INTEGER NOT NULL,
        -- One vote per person, passage and query: pressing again changes the vote.
        UNIQUE (platform, channel_id, user_id, passage_id, query)
      );

      CREATE TABLE queries (
        id         TEXT PRIMARY KEY,
        text       TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE subscriptions (
        platform   TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        time       TEXT NOT NULL,
        timezone   TEXT NOT NULL,
        weekdays   INTEGER NOT NULL CHECK (weekdays IN (0, 1)),
        created_by TEXT NOT NULL,
        locale     TEXT,
        since      INTEGER NOT NULL,
        PRIMARY KEY (platform, channel_id)
      );

      -- One row per channel and local day: the unique key is what makes a post happen exactly once.
      CREATE TABLE posts (
        platform    TEXT NOT NULL,
        channel_id  TEXT NOT NULL,
        local_date  TEXT NOT NULL,
        lesson_id   TEXT NOT NULL,
        cycle       INTEGER NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('claimed', 'sending', 'posted', 'failed')),
        owner       TEXT NOT NULL,
        lease_until INTEGER NOT NULL,
        attempts    INTEGER NOT NULL DEFAULT 0,
        claimed_at  INTEGER NOT NULL,
        posted_at   INTEGER,
        error       TEXT,
        UNIQUE (platform, channel_id, local_date)
      );
    `,
  },
  {
    version: 2,
    description: "question log for reports (no user ids); indexes for pruning history by age",
    sql: `
      CREATE TABLE query_log (
        platform    TEXT NOT NULL,
        channel_id  TEXT NOT NULL,
        source      TEXT NOT NULL CHECK (source IN ('search', 'message')),
        query       TEXT NOT NULL,
        hits        INTEGER NOT NULL,
        strong_hits INTEGER NOT NULL,
        at          INTEGER NOT NULL
      );
      CREATE INDEX query_log_at ON query_log (at);
      CREATE INDEX query_log_channel ON query_log (platform, channel_id, at);
      CREATE INDEX feedback_created_at ON feedback (created_at);
      CREATE INDEX queries_created_at ON queries (created_at);
    `,
  },
  {
    version: 3,
    description: "each subscription's next due instant; delivery ids claimed once (Slack retries)",
    sql: `
      -- 0 = due at once: the scheduler computes the real instant on its first tick.
      ALTER TABLE subscriptions ADD COLUMN next_due_at INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX subscriptions_due ON subscriptions (platform, next_due_at);
      CREATE INDEX posts_unfinished ON posts (lease_until) WHERE status IN ('claimed', 'sending', 'failed');

      CREATE TABLE deliveries (
        id         TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX deliveries_expiry ON deliveries (expires_at);
    `,
  },
];

/** Brings `db` up to the newest schema; refuses a database written by a newer version of the bot. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > latest) {
    throw new Error(`database schema version ${current} is newer than this bot knows (${latest}); upgrade the bot`);
  }
  for (const step of migrations) {
    if (step.version <= current) continue;
    db.transaction(() => {
      // Another process may have applied it while we waited for the write lock.
      if ((db.pragma("user_version", { simple: true }) as number) >= step.version) return;
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
  return latest;
}
