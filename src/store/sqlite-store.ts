/**
 * The Store on one SQLite file (better-sqlite3). WAL lets readers run beside the one writer, and
 * busy_timeout makes a second process wait for the write lock instead of failing, so several bot
 * processes may share a file. better-sqlite3 is synchronous; the async methods just wrap it.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Platform, RespondMode } from "../commands/types.ts";
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
} from "./types.ts";
import { migrate } from "./migrations.ts";
import { queryIds } from "./query-id.ts";
import type { HistoryStore } from "./history.ts";
import { sqliteHistory } from "./sqlite-history.ts";

const DEFAULT_SETTINGS: ChannelSettings = { respondMode: "mentions" };
const BUSY_TIMEOUT_MS = 5_000;
/** Expired delivery ids are deleted at most this often (the claim itself ignores them anyway). */
const PRUNE_EVERY_MS = 60_000;
const UNFINISHED = "status IN ('claimed', 'sending', 'failed')";
/** A platform list travels as one JSON parameter, so each statement is prepared once. */
const IN_PLATFORMS = "platform IN (SELECT value FROM json_each(?))";

interface SubscriptionRow {
  platform: string;
  channel_id: string;
  time: string;
  timezone: string;
  weekdays: number;
  created_by: string;
  locale: string | null;
  since: number;
  next_due_at: number;
}

interface PostRow {
  platform: string;
  channel_id: string;
  local_date: string;
  lesson_id: string;
  cycle: number;
  status: string;
  owner: string;
  lease_until: number;
  attempts: number;
  claimed_at: number;
  posted_at: number | null;
  error: string | null;
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    platform: row.platform as Platform,
    channelId: row.channel_id,
    time: row.time,
    timezone: row.timezone,
    weekdays: row.weekdays === 1,
    createdBy: row.created_by,
    ...(row.locale === "zh" || row.locale === "en" ? { locale: row.locale } : {}),
    since: new Date(row.since),
    nextDueAt: new Date(row.next_due_at),
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
    leaseUntil: new Date(row.lease_until),
    attempts: row.attempts,
    claimedAt: new Date(row.claimed_at),
    ...(row.posted_at !== null ? { postedAt: new Date(row.posted_at) } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
  };
}

/** Opens (creating it and its directory if needed) and migrates the database at `path`. */
export function openSqliteStore(path: string): Store & HistoryStore {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma("journal_mode = WAL");
  // With WAL, NORMAL loses no committed transaction on a process crash (only, at worst, on power loss).
  db.pragma("synchronous = NORMAL");
  migrate(db);
  const store = new SqliteStore(db);
  // Report history lives in its own module (history.ts); the store hands it the same connection.
  return Object.assign(store, sqliteHistory(db)) as SqliteStore & HistoryStore;
}

class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #sql;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#sql = {
      getSettings: db.prepare<[string, string], { respond_mode: string }>(
        "SELECT respond_mode FROM channel_settings WHERE platform = ? AND channel_id = ?",
      ),
      setRespondMode: db.prepare<[string, string, string, number]>(
        `INSERT INTO channel_settings (platform, channel_id, respond_mode, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (platform, channel_id) DO UPDATE SET respond_mode = excluded.respond_mode, updated_at = excluded.updated_at`,
      ),
      recordFeedback: db.prepare<[string, string, string, string, string, number, number]>(
        `INSERT INTO feedback (platform, channel_id, user_id, passage_id, query, helpful, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, channel_id, user_id, passage_id, query) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at`,
      ),
      insertQuery: db.prepare<[string, string, number]>(
        // created_at is when the query was last used, so pruning by age never expires a button still in use.
        "INSERT INTO queries (id, text, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at",
      ),
      getQuery: db.prepare<[string], { text: string }>("SELECT text FROM queries WHERE id = ?"),
      upsertSubscription: db.prepare<[string, string, string, string, number, string, string | null, number, number]>(
        `INSERT INTO subscriptions (platform, channel_id, time, timezone, weekdays, created_by, locale, since, next_due_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, channel_id) DO UPDATE SET time = excluded.time, timezone = excluded.timezone,
           weekdays = excluded.weekdays, created_by = excluded.created_by, locale = excluded.locale, since = excluded.since,
           next_due_at = excluded.next_due_at`,
      ),
      dueSubscriptions: db.prepare<[number, string, number], SubscriptionRow>(
        `SELECT * FROM subscriptions WHERE next_due_at <= ? AND ${IN_PLATFORMS} ORDER BY next_due_at LIMIT ?`,
      ),
      // Per platform, so the (platform, next_due_at) index answers it without a scan.
      earliestDue: db.prepare<[string], { at: number | null }>("SELECT MIN(next_due_at) AS at FROM subscriptions WHERE platform = ?"),
      advanceSubscription: db.prepare<[number, string, string, number]>(
        "UPDATE subscriptions SET next_due_at = ? WHERE platform = ? AND channel_id = ? AND next_due_at = ?",
      ),
      takeOverLapsed: db.prepare<[string, number, number, number, string, number], PostRow>(
        `UPDATE posts SET owner = ?, lease_until = ?
         WHERE rowid IN (SELECT rowid FROM posts WHERE ${UNFINISHED} AND lease_until <= ? AND attempts < ? AND ${IN_PLATFORMS}
                         ORDER BY lease_until LIMIT ?)
         RETURNING *`,
      ),
      earliestLeaseEnd: db.prepare<[number, string], { at: number | null }>(
        `SELECT MIN(lease_until) AS at FROM posts WHERE ${UNFINISHED} AND attempts < ? AND ${IN_PLATFORMS}`,
      ),
      claimDelivery: db.prepare<[string, number, number]>(
        `INSERT INTO deliveries (id, expires_at) VALUES (?, ?)
         ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE deliveries.expires_at <= ?`,
      ),
      pruneDeliveries: db.prepare<[number]>("DELETE FROM deliveries WHERE expires_at <= ?"),
      removeSubscription: db.prepare<[string, string]>("DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?"),
      getSubscription: db.prepare<[string, string], SubscriptionRow>(
        "SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?",
      ),
      listSubscriptions: db.prepare<[], SubscriptionRow>("SELECT * FROM subscriptions ORDER BY platform, channel_id"),
      claimPost: db.prepare<[string, string, string, string, number, string, number, number]>(
        `INSERT INTO posts (platform, channel_id, local_date, lesson_id, cycle, status, owner, lease_until, attempts, claimed_at)
         VALUES (?, ?, ?, ?, ?, 'claimed', ?, ?, 0, ?)
         ON CONFLICT (platform, channel_id, local_date) DO NOTHING`,
      ),
      resumePost: db.prepare<[string, number, string, string, string, string, number]>(
        `UPDATE posts SET owner = ?, lease_until = ?
         WHERE platform = ? AND channel_id = ? AND local_date = ?
           AND status IN ('claimed', 'failed') AND (owner = ? OR lease_until <= ?)`,
      ),
      updatePost: db.prepare<[string, number | null, number | null, number | null, string | null, string, string, string, string]>(
        `UPDATE posts SET status = ?, attempts = COALESCE(?, attempts), lease_until = COALESCE(?, lease_until),
           posted_at = COALESCE(?, posted_at), error = ?
         WHERE platform = ? AND channel_id = ? AND local_date = ? AND owner = ?`,
      ),
      getPost: db.prepare<[string, string, string], PostRow>(
        "SELECT * FROM posts WHERE platform = ? AND channel_id = ? AND local_date = ?",
      ),
      listPosts: db.prepare<[string, string], PostRow>(
        "SELECT * FROM posts WHERE platform = ? AND channel_id = ? ORDER BY local_date",
      ),
    };
  }

  async getChannelSettings({ platform, channelId }: ChannelKey): Promise<ChannelSettings> {
    const row = this.#sql.getSettings.get(platform, channelId);
    return row ? { respondMode: row.respond_mode as RespondMode } : { ...DEFAULT_SETTINGS };
  }

  async setRespondMode({ platform, channelId }: ChannelKey, mode: RespondMode): Promise<void> {
    this.#sql.setRespondMode.run(platform, channelId, mode, Date.now());
  }

  async recordFeedback(f: Feedback): Promise<void> {
    this.#sql.recordFeedback.run(f.platform, f.channelId, f.userId, f.passageId, f.query, f.helpful ? 1 : 0, Date.now());
  }

  async rememberQuery(query: string): Promise<string> {
    // SQLite keeps UTF-8, where a lone surrogate reads back as U+FFFD: key and compare the text it will hold.
    const text = query.toWellFormed();
    // Ids lengthen only on the (astronomically rare) collision with a different text.
    for (const id of queryIds(text)) {
      this.#sql.insertQuery.run(id, text, Date.now());
      if (this.#sql.getQuery.get(id)?.text === text) return id;
    }
    throw new Error("could not find a free id for the query");
  }

  async recallQuery(id: string): Promise<string | undefined> {
    return this.#sql.getQuery.get(id)?.text;
  }

  async upsertSubscription(sub: Subscription): Promise<void> {
    const since = (sub.since ?? new Date()).getTime();
    this.#sql.upsertSubscription.run(
      sub.platform,
      sub.channelId,
      sub.time,
      sub.timezone,
      sub.weekdays ? 1 : 0,
      sub.createdBy,
      sub.locale ?? null,
      since,
      sub.nextDueAt?.getTime() ?? 0,
    );
  }

  async removeSubscription({ platform, channelId }: ChannelKey): Promise<boolean> {
    return this.#sql.removeSubscription.run(platform, channelId).changes > 0;
  }

  async getSubscription({ platform, channelId }: ChannelKey): Promise<Subscription | undefined> {
    const row = this.#sql.getSubscription.get(platform, channelId);
    return row ? toSubscription(row) : undefined;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return this.#sql.listSubscriptions.all().map(toSubscription);
  }

  async claimPost(c: PostClaim): Promise<boolean> {
    const result = this.#sql.claimPost.run(
      c.platform,
      c.channelId,
      c.localDate,
      c.lessonId,
      c.cycle,
      c.owner,
      c.leaseUntil.getTime(),
      c.claimedAt.getTime(),
    );
    return result.changes === 1;
  }

  async resumePost(key: PostKey, owner: string, leaseUntil: Date, now: Date): Promise<boolean> {
    const result = this.#sql.resumePost.run(
      owner,
      leaseUntil.getTime(),
      key.platform,
      key.channelId,
      key.localDate,
      owner,
      now.getTime(),
    );
    return result.changes === 1;
  }

  async updatePost(key: PostKey, owner: string, u: PostUpdate): Promise<boolean> {
    const result = this.#sql.updatePost.run(
      u.status,
      u.attempts ?? null,
      u.leaseUntil?.getTime() ?? null,
      u.postedAt?.getTime() ?? null,
      u.error ?? null,
      key.platform,
      key.channelId,
      key.localDate,
      owner,
    );
    return result.changes === 1;
  }

  async getPost(key: PostKey): Promise<PostRecord | undefined> {
    const row = this.#sql.getPost.get(key.platform, key.channelId, key.localDate);
    return row ? toPost(row) : undefined;
  }

  async listPosts({ platform, channelId }: ChannelKey): Promise<PostRecord[]> {
    return this.#sql.listPosts.all(platform, channelId).map(toPost);
  }

  async dueSubscriptions(now: Date, platforms: readonly Platform[], limit: number): Promise<Subscription[]> {
    return this.#sql.dueSubscriptions.all(now.getTime(), JSON.stringify(platforms), limit).map(toSubscription);
  }

  async earliestDue(platforms: readonly Platform[]): Promise<Date | undefined> {
    const times = platforms.map((platform) => this.#sql.earliestDue.get(platform)?.at).filter((at): at is number => typeof at === "number");
    return times.length > 0 ? new Date(Math.min(...times)) : undefined;
  }

  async advanceSubscription({ platform, channelId }: ChannelKey, from: Date, to: Date): Promise<boolean> {
    return this.#sql.advanceSubscription.run(to.getTime(), platform, channelId, from.getTime()).changes === 1;
  }

  async takeOverLapsedPosts(
    owner: string,
    leaseUntil: Date,
    now: Date,
    platforms: readonly Platform[],
    maxAttempts: number,
    limit: number,
  ): Promise<PostRecord[]> {
    return this.#sql.takeOverLapsed
      .all(owner, leaseUntil.getTime(), now.getTime(), maxAttempts, JSON.stringify(platforms), limit)
      .map(toPost);
  }

  async earliestLeaseEnd(platforms: readonly Platform[], maxAttempts: number): Promise<Date | undefined> {
    const at = this.#sql.earliestLeaseEnd.get(maxAttempts, JSON.stringify(platforms))?.at;
    return at === null || at === undefined ? undefined : new Date(at);
  }

  #prunedAt = 0;

  async claimDelivery(id: string, now: Date, expiresAt: Date): Promise<boolean> {
    if (now.getTime() - this.#prunedAt >= PRUNE_EVERY_MS) {
      this.#prunedAt = now.getTime();
      this.#sql.pruneDeliveries.run(now.getTime());
    }
    return this.#sql.claimDelivery.run(id, expiresAt.getTime(), now.getTime()).changes === 1;
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
