/**
 * The Store on PostgreSQL, shared by any number of replicas. Every exactly-once rule is one atomic
 * statement: a unique insert (claimPost, claimDelivery), a conditional update (resumePost, updatePost,
 * advanceSubscription), or an update of rows picked with `FOR UPDATE SKIP LOCKED` (takeOverLapsedPosts),
 * so two replicas never both win and neither waits on the other's rows.
 *
 * The store is usable at once: the first queries wait for the pool to connect and the schema to be
 * migrated (`ready`), which keeps start-up synchronous for the caller and reports a dead server there.
 */
import type pg from "pg";
import type { Platform, RespondMode } from "../../commands/types.ts";
import type {
  ChannelKey,
  ChannelSettings,
  Feedback,
  PostClaim,
  PostKey,
  PostRecord,
  PostStatus,
  PostUpdate,
  Store,
  Subscription,
} from "../types.ts";
import { queryIds } from "../query-id.ts";
import { createPgPool, type PgPoolOptions } from "./pool.ts";
import { describePgUrl } from "./url.ts";
import type { HistoryStore } from "../history.ts";
import { postgresHistory, type PgQuery } from "./history.ts";
import { migratePg } from "./migrations.ts";

const DEFAULT_SETTINGS: ChannelSettings = { respondMode: "mentions" };
const PRUNE_EVERY_MS = 60_000;
const UNFINISHED = "status IN ('claimed', 'sending', 'failed')";

interface SubscriptionRow {
  platform: string;
  channel_id: string;
  time: string;
  timezone: string;
  weekdays: boolean;
  created_by: string;
  locale: string | null;
  since: Date;
  next_due_at: Date;
}

interface PostRow {
  platform: string;
  channel_id: string;
  local_date: string;
  lesson_id: string;
  cycle: number;
  status: string;
  owner: string;
  lease_until: Date;
  attempts: number;
  claimed_at: Date;
  posted_at: Date | null;
  error: string | null;
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    platform: row.platform as Platform,
    channelId: row.channel_id,
    time: row.time,
    timezone: row.timezone,
    weekdays: row.weekdays,
    createdBy: row.created_by,
    ...(row.locale === "zh" || row.locale === "en" ? { locale: row.locale } : {}),
    since: row.since,
    nextDueAt: row.next_due_at,
  };
}

function toPost(row: PostRow): PostRecord {
  return {
    platform: row.platform as Platform,
    channelId: row.channel_id,
    localDate: row.local_date,
    lessonId: row.lesson_id,
    cycle: row.cycle,
    status: row.status as PostStatus,
    owner: row.owner,
    leaseUntil: row.lease_until,
    attempts: row.attempts,
    claimedAt: row.claimed_at,
    ...(row.posted_at !== null ? { postedAt: row.posted_at } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
  };
}

/** PostgreSQL keeps no NUL in text; a channel id or query never holds one legitimately. */
function text(value: string): string {
  return value.toWellFormed().replaceAll("\u0000", "\uFFFD");
}

export interface PgStore extends Store, HistoryStore {
  /** Resolves once connected and migrated; rejects with a message naming the server (never the password). */
  readonly ready: Promise<void>;
}

/** A store on the database at `options.url` (created tables and all on first use). */
export function openPostgresStore(options: PgPoolOptions): PgStore {
  const pool = createPgPool(options);
  const ready = (async () => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot reach PostgreSQL at ${describePgUrl(options.url)}: ${reason}`, { cause: error });
    }
    try {
      await migratePg(client);
    } finally {
      client.release();
    }
  })();
  // Callers learn of a failure from `ready` or from their first query; don't let it go unhandled.
  ready.catch(() => undefined);
  const query: PgQuery = async (sql, params = []) => {
    await ready;
    return pool.query(sql, params);
  };
  const store = new PostgresStore(pool, ready, query);
  // Report history lives in its own module (../history.ts), on the same pool.
  return Object.assign(store, postgresHistory(query)) as PostgresStore & HistoryStore;
}

class PostgresStore implements Store {
  readonly ready: Promise<void>;
  readonly #pool: pg.Pool;
  readonly #query: PgQuery;
  #prunedAt = 0;
  #closed = false;

  constructor(pool: pg.Pool, ready: Promise<void>, query: PgQuery) {
    this.#pool = pool;
    this.ready = ready;
    this.#query = query;
  }

  async getChannelSettings({ platform, channelId }: ChannelKey): Promise<ChannelSettings> {
    const { rows } = await this.#query<{ respond_mode: string }>(
      "SELECT respond_mode FROM channel_settings WHERE platform = $1 AND channel_id = $2",
      [platform, text(channelId)],
    );
    return rows[0] ? { respondMode: rows[0].respond_mode as RespondMode } : { ...DEFAULT_SETTINGS };
  }

  async setRespondMode({ platform, channelId }: ChannelKey, mode: RespondMode): Promise<void> {
    await this.#query(
      `INSERT INTO channel_settings (platform, channel_id, respond_mode, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (platform, channel_id) DO UPDATE SET respond_mode = excluded.respond_mode, updated_at = excluded.updated_at`,
      [platform, text(channelId), mode],
    );
  }

  async recordFeedback(f: Feedback): Promise<void> {
    await this.#query(
      `INSERT INTO feedback (platform, channel_id, user_id, passage_id, query, helpful, created_at) VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (platform, channel_id, user_id, passage_id, query) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at`,
      [f.platform, text(f.channelId), text(f.userId), text(f.passageId), text(f.query), f.helpful],
    );
  }

  async rememberQuery(query: string): Promise<string> {
    const stored = text(query);
    for (const id of queryIds(stored)) {
      // Insert-or-read in one statement: returns the text now held under `id`, ours or a colliding one.
      const { rows } = await this.#query<{ text: string }>(
        `WITH inserted AS (
           INSERT INTO queries (id, text, created_at) VALUES ($1, $2, now()) ON CONFLICT (id) DO NOTHING RETURNING text
         )
         SELECT text FROM inserted UNION ALL SELECT text FROM queries WHERE id = $1 LIMIT 1`,
        [id, stored],
      );
      if (rows[0]?.text === stored) return id;
    }
    throw new Error("could not find a free id for the query");
  }

  async recallQuery(id: string): Promise<string | undefined> {
    const { rows } = await this.#query<{ text: string }>("SELECT text FROM queries WHERE id = $1", [text(id)]);
    return rows[0]?.text;
  }

  async upsertSubscription(sub: Subscription): Promise<void> {
    await this.#query(
      `INSERT INTO subscriptions (platform, channel_id, time, timezone, weekdays, created_by, locale, since, next_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (platform, channel_id) DO UPDATE SET time = excluded.time, timezone = excluded.timezone,
         weekdays = excluded.weekdays, created_by = excluded.created_by, locale = excluded.locale, since = excluded.since,
         next_due_at = excluded.next_due_at`,
      [
        sub.platform,
        text(sub.channelId),
        sub.time,
        sub.timezone,
        sub.weekdays,
        text(sub.createdBy),
        sub.locale ?? null,
        sub.since ?? new Date(),
        sub.nextDueAt ?? new Date(0),
      ],
    );
  }

  async removeSubscription({ platform, channelId }: ChannelKey): Promise<boolean> {
    const result = await this.#query("DELETE FROM subscriptions WHERE platform = $1 AND channel_id = $2", [platform, text(channelId)]);
    return result.rowCount === 1;
  }

  async getSubscription({ platform, channelId }: ChannelKey): Promise<Subscription | undefined> {
    const { rows } = await this.#query<SubscriptionRow>(
      "SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2",
      [platform, text(channelId)],
    );
    return rows[0] ? toSubscription(rows[0]) : undefined;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    // COLLATE "C": the same byte order SQLite uses, whatever the database's locale.
    const { rows } = await this.#query<SubscriptionRow>('SELECT * FROM subscriptions ORDER BY platform COLLATE "C", channel_id COLLATE "C"');
    return rows.map(toSubscription);
  }

  async claimPost(c: PostClaim): Promise<boolean> {
    const result = await this.#query(
      `INSERT INTO posts (platform, channel_id, local_date, lesson_id, cycle, status, owner, lease_until, attempts, claimed_at)
       VALUES ($1, $2, $3, $4, $5, 'claimed', $6, $7, 0, $8)
       ON CONFLICT (platform, channel_id, local_date) DO NOTHING`,
      [c.platform, text(c.channelId), c.localDate, c.lessonId, c.cycle, c.owner, c.leaseUntil, c.claimedAt],
    );
    return result.rowCount === 1;
  }

  async resumePost(key: PostKey, owner: string, leaseUntil: Date, now: Date): Promise<boolean> {
    const result = await this.#query(
      `UPDATE posts SET owner = $1, lease_until = $2
       WHERE platform = $3 AND channel_id = $4 AND local_date = $5
         AND status IN ('claimed', 'failed') AND (owner = $1 OR lease_until <= $6)`,
      [owner, leaseUntil, key.platform, text(key.channelId), key.localDate, now],
    );
    return result.rowCount === 1;
  }

  async updatePost(key: PostKey, owner: string, u: PostUpdate): Promise<boolean> {
    const result = await this.#query(
      `UPDATE posts SET status = $1, attempts = COALESCE($2, attempts), lease_until = COALESCE($3, lease_until),
         posted_at = COALESCE($4, posted_at), error = $5
       WHERE platform = $6 AND channel_id = $7 AND local_date = $8 AND owner = $9`,
      [u.status, u.attempts ?? null, u.leaseUntil ?? null, u.postedAt ?? null, u.error ?? null, key.platform, text(key.channelId), key.localDate, owner],
    );
    return result.rowCount === 1;
  }

  async getPost(key: PostKey): Promise<PostRecord | undefined> {
    const { rows } = await this.#query<PostRow>(
      "SELECT * FROM posts WHERE platform = $1 AND channel_id = $2 AND local_date = $3",
      [key.platform, text(key.channelId), key.localDate],
    );
    return rows[0] ? toPost(rows[0]) : undefined;
  }

  async listPosts({ platform, channelId }: ChannelKey): Promise<PostRecord[]> {
    const { rows } = await this.#query<PostRow>(
      "SELECT * FROM posts WHERE platform = $1 AND channel_id = $2 ORDER BY local_date",
      [platform, text(channelId)],
    );
    return rows.map(toPost);
  }

  async dueSubscriptions(now: Date, platforms: readonly Platform[], limit: number): Promise<Subscription[]> {
    const { rows } = await this.#query<SubscriptionRow>(
      "SELECT * FROM subscriptions WHERE next_due_at <= $1 AND platform = ANY($2) ORDER BY next_due_at LIMIT $3",
      [now, platforms, limit],
    );
    return rows.map(toSubscription);
  }

  async earliestDue(platforms: readonly Platform[]): Promise<Date | undefined> {
    // One index probe per platform on (platform, next_due_at), however many subscriptions there are.
    const { rows } = await this.#query<{ at: Date | null }>(
      "SELECT MIN((SELECT MIN(next_due_at) FROM subscriptions s WHERE s.platform = p)) AS at FROM unnest($1::text[]) AS p",
      [platforms],
    );
    return rows[0]?.at ?? undefined;
  }

  async advanceSubscription({ platform, channelId }: ChannelKey, from: Date, to: Date): Promise<boolean> {
    const result = await this.#query(
      "UPDATE subscriptions SET next_due_at = $1 WHERE platform = $2 AND channel_id = $3 AND next_due_at = $4",
      [to, platform, text(channelId), from],
    );
    return result.rowCount === 1;
  }

  async takeOverLapsedPosts(
    owner: string,
    leaseUntil: Date,
    now: Date,
    platforms: readonly Platform[],
    maxAttempts: number,
    limit: number,
  ): Promise<PostRecord[]> {
    // SKIP LOCKED: rows another replica is taking over right now are left to it, not waited for.
    const { rows } = await this.#query<PostRow>(
      `UPDATE posts SET owner = $1, lease_until = $2
       WHERE (platform, channel_id, local_date) IN (
         SELECT platform, channel_id, local_date FROM posts
         WHERE ${UNFINISHED} AND lease_until <= $3 AND attempts < $4 AND platform = ANY($5)
         ORDER BY lease_until LIMIT $6
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [owner, leaseUntil, now, maxAttempts, platforms, limit],
    );
    return rows.map(toPost);
  }

  async earliestLeaseEnd(platforms: readonly Platform[], maxAttempts: number): Promise<Date | undefined> {
    const { rows } = await this.#query<{ at: Date | null }>(
      `SELECT MIN(lease_until) AS at FROM posts WHERE ${UNFINISHED} AND attempts < $1 AND platform = ANY($2)`,
      [maxAttempts, platforms],
    );
    return rows[0]?.at ?? undefined;
  }

  async claimDelivery(id: string, now: Date, expiresAt: Date): Promise<boolean> {
    if (now.getTime() - this.#prunedAt >= PRUNE_EVERY_MS) {
      this.#prunedAt = now.getTime();
      await this.#query("DELETE FROM deliveries WHERE expires_at <= $1", [now]);
    }
    const result = await this.#query(
      `INSERT INTO deliveries (id, expires_at) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE deliveries.expires_at <= $3`,
      [text(id), expiresAt, now],
    );
    return result.rowCount === 1;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
