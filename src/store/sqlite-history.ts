/**
 * `HistoryStore` on the SQLite file (see history.ts for what is kept and for how long). Aggregation is
 * done by SQL so a report over months of questions reads grouped rows, not every row.
 */
import type Database from "better-sqlite3";
import { deliveriesOf, type DeliveryRow, type GapCount, type HistoryStore, type PruneResult, type QueryCount, type QueryLogEntry, type ReportScope, type UsageFigures, type VoteCount } from "./history.ts";

/** `AND platform = ? AND channel_id = ?` when the report is for one channel. */
function channelFilter(scope: ReportScope, prefix = ""): { sql: string; params: string[] } {
  return scope.channel
    ? { sql: ` AND ${prefix}platform = ? AND ${prefix}channel_id = ?`, params: [scope.channel.platform, scope.channel.channelId] }
    : { sql: "", params: [] };
}

/** Questions are grouped by their trimmed, lower-cased text, shown as most recently asked. */
const GROUP = "lower(trim(query))";
/** The group's most recently asked text: the latest `at` (zero-padded, so it sorts as a number) wins the max. */
const LATEST_QUERY = "substr(max(printf('%015d', at) || query), 16)";

export function sqliteHistory(db: Database.Database): HistoryStore {
  const insert = db.prepare<[string, string, string, string, number, number, number]>(
    "INSERT INTO query_log (platform, channel_id, source, query, hits, strong_hits, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const prune = {
    queries: db.prepare<[number]>("DELETE FROM query_log WHERE at < ?"),
    remembered: db.prepare<[number]>("DELETE FROM queries WHERE created_at < ?"),
    feedback: db.prepare<[number]>("DELETE FROM feedback WHERE created_at < ?"),
  };

  function usage(scope: ReportScope): UsageFigures {
    const since = scope.since.getTime();
    const f = channelFilter(scope);
    const where = `WHERE at >= ?${f.sql}`;
    const params = [since, ...f.params];
    const totals = db
      .prepare(
        `SELECT count(*) AS questions, coalesce(sum(hits = 0), 0) AS none_found, coalesce(sum(hits > 0 AND strong_hits = 0), 0) AS weak
         FROM query_log ${where}`,
      )
      .get(...params) as { questions: number; none_found: number; weak: number };
    const topQuestions = db
      .prepare(
        `SELECT ${LATEST_QUERY} AS query, count(*) AS count FROM query_log ${where}
         GROUP BY ${GROUP} ORDER BY count DESC, max(at) DESC LIMIT ?`,
      )
      .all(...params, scope.limit) as QueryCount[];
    const gapRows = db
      .prepare(
        `SELECT ${LATEST_QUERY} AS query, count(*) AS count, max(hits) AS hits FROM query_log ${where} AND strong_hits = 0
         GROUP BY ${GROUP} ORDER BY count DESC, max(at) DESC LIMIT ?`,
      )
      .all(...params, scope.limit) as (QueryCount & { hits: number })[];
    const gaps: GapCount[] = gapRows.map((r) => ({ query: r.query, count: r.count, found: r.hits > 0 ? "weak" : "none" }));

    const ff = channelFilter(scope);
    const votes = (order: "up" | "down"): VoteCount[] =>
      db
        .prepare(
          `SELECT passage_id AS passageId, sum(helpful) AS up, sum(1 - helpful) AS down FROM feedback
           WHERE created_at >= ?${ff.sql} GROUP BY passage_id HAVING ${order} > 0
           ORDER BY ${order} DESC, ${order === "up" ? "down ASC" : "up ASC"}, passage_id LIMIT ?`,
        )
        .all(since, ...ff.params, scope.limit) as VoteCount[];

    const pf = channelFilter(scope, "p.");
    const deliveryRows = db
      .prepare(
        `SELECT p.platform, p.channel_id, sum(p.status = 'posted') AS posted, sum(p.status = 'failed') AS failed,
                sum(p.status IN ('claimed', 'sending')) AS pending, max(p.local_date) AS last_date,
                (SELECT status FROM posts q WHERE q.platform = p.platform AND q.channel_id = p.channel_id
                   ORDER BY q.local_date DESC LIMIT 1) AS last_status,
                EXISTS (SELECT 1 FROM subscriptions s WHERE s.platform = p.platform AND s.channel_id = p.channel_id) AS subscribed
         FROM posts p WHERE p.claimed_at >= ?${pf.sql} GROUP BY p.platform, p.channel_id ORDER BY p.platform, p.channel_id`,
      )
      .all(since, ...pf.params) as DeliveryRow[];
    const sf = channelFilter(scope);
    const subscribed = db
      .prepare(`SELECT platform, channel_id FROM subscriptions WHERE 1 = 1${sf.sql} ORDER BY platform, channel_id`)
      .all(...sf.params) as { platform: string; channel_id: string }[];
    const deliveries = deliveriesOf(deliveryRows, subscribed);

    return {
      questions: totals.questions,
      nothingFound: totals.none_found,
      weakOnly: totals.weak,
      topQuestions,
      gaps,
      mostHelpful: votes("up"),
      leastHelpful: votes("down"),
      deliveries,
    };
  }

  return {
    async logQuery(e: QueryLogEntry) {
      insert.run(e.platform, e.channelId, e.source, e.query.toWellFormed(), e.hits, e.strongHits, (e.at ?? new Date()).getTime());
    },
    async usage(scope) {
      return usage(scope);
    },
    async pruneHistory(before: Date): Promise<PruneResult> {
      const t = before.getTime();
      return db.transaction(() => ({
        queries: prune.queries.run(t).changes,
        remembered: prune.remembered.run(t).changes,
        feedback: prune.feedback.run(t).changes,
      }))();
    },
  };
}
