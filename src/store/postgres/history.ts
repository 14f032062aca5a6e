/**
 * `HistoryStore` on PostgreSQL (see ../history.ts for what is kept and for how long): the same reports
 * as sqlite-history.ts, aggregated by SQL, in PostgreSQL's dialect (FILTER clauses, booleans, timestamptz).
 */
import type pg from "pg";
import { deliveriesOf, type DeliveryRow, type GapCount, type HistoryStore, type PruneResult, type QueryCount, type QueryLogEntry, type ReportScope, type UsageFigures, type VoteCount } from "../history.ts";

export type PgQuery = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

/** `AND platform = $n AND channel_id = $n+1` when the report is for one channel; `next` = the first free $n. */
function channelFilter(scope: ReportScope, next: number, prefix = ""): { sql: string; params: string[] } {
  return scope.channel
    ? { sql: ` AND ${prefix}platform = $${next} AND ${prefix}channel_id = $${next + 1}`, params: [scope.channel.platform, scope.channel.channelId] }
    : { sql: "", params: [] };
}

/** Questions are grouped by their trimmed, lower-cased text, shown as most recently asked. */
const GROUP = "lower(trim(query))";
/** The group's most recently asked text (`max(query)` would be the text that sorts last). */
const LATEST_QUERY = "(array_agg(query ORDER BY at DESC))[1]";
/** Byte order, as SQLite sorts, whatever the database's locale. */
const C = 'COLLATE "C"';

export function postgresHistory(query: PgQuery): HistoryStore {
  async function usage(scope: ReportScope): Promise<UsageFigures> {
    const f = channelFilter(scope, 2);
    const where = `WHERE at >= $1${f.sql}`;
    const params = [scope.since, ...f.params];
    const limit = `$${params.length + 1}`;
    const [totals, top, gapRows, up, down, deliveryRows, subscribed] = await Promise.all([
      query<{ questions: number; none_found: number; weak: number }>(
        `SELECT count(*)::int AS questions, count(*) FILTER (WHERE hits = 0)::int AS none_found,
                count(*) FILTER (WHERE hits > 0 AND strong_hits = 0)::int AS weak
         FROM query_log ${where}`,
        params,
      ),
      query<QueryCount>(
        `SELECT ${LATEST_QUERY} AS query, count(*)::int AS count FROM query_log ${where}
         GROUP BY ${GROUP} ORDER BY count DESC, max(at) DESC LIMIT ${limit}`,
        [...params, scope.limit],
      ),
      query<QueryCount & { hits: number }>(
        `SELECT ${LATEST_QUERY} AS query, count(*)::int AS count, max(hits) AS hits FROM query_log ${where} AND strong_hits = 0
         GROUP BY ${GROUP} ORDER BY count DESC, max(at) DESC LIMIT ${limit}`,
        [...params, scope.limit],
      ),
      votes(scope, "up"),
      votes(scope, "down"),
      deliveries(scope),
      query<{ platform: string; channel_id: string }>(
        `SELECT platform, channel_id FROM subscriptions WHERE true${channelFilter(scope, 1).sql} ORDER BY platform ${C}, channel_id ${C}`,
        channelFilter(scope, 1).params,
      ),
    ]);
    const gaps: GapCount[] = gapRows.rows.map((r) => ({ query: r.query, count: r.count, found: r.hits > 0 ? "weak" : "none" }));
    const delivered = deliveriesOf(deliveryRows, subscribed.rows);
    const row = totals.rows[0]!;
    return {
      questions: row.questions,
      nothingFound: row.none_found,
      weakOnly: row.weak,
      topQuestions: top.rows,
      gaps,
      mostHelpful: up,
      leastHelpful: down,
      deliveries: delivered,
    };
  }

  async function votes(scope: ReportScope, order: "up" | "down"): Promise<VoteCount[]> {
    const f = channelFilter(scope, 2);
    const upSum = "sum(CASE WHEN helpful THEN 1 ELSE 0 END)::int";
    const downSum = "sum(CASE WHEN helpful THEN 0 ELSE 1 END)::int";
    const { rows } = await query<VoteCount>(
      `SELECT passage_id AS "passageId", ${upSum} AS up, ${downSum} AS down FROM feedback
       WHERE created_at >= $1${f.sql} GROUP BY passage_id HAVING ${order === "up" ? upSum : downSum} > 0
       ORDER BY ${order} DESC, ${order === "up" ? "down ASC" : "up ASC"}, passage_id ${C} LIMIT $${f.params.length + 2}`,
      [scope.since, ...f.params, scope.limit],
    );
    return rows;
  }

  async function deliveries(scope: ReportScope): Promise<DeliveryRow[]> {
    const f = channelFilter(scope, 2, "p.");
    const { rows } = await query<DeliveryRow>(
      `SELECT p.platform, p.channel_id, count(*) FILTER (WHERE p.status = 'posted')::int AS posted,
              count(*) FILTER (WHERE p.status = 'failed')::int AS failed,
              count(*) FILTER (WHERE p.status IN ('claimed', 'sending'))::int AS pending, max(p.local_date) AS last_date,
              (SELECT status FROM posts q WHERE q.platform = p.platform AND q.channel_id = p.channel_id
                 ORDER BY q.local_date DESC LIMIT 1) AS last_status,
              EXISTS (SELECT 1 FROM subscriptions s WHERE s.platform = p.platform AND s.channel_id = p.channel_id) AS subscribed
       FROM posts p WHERE p.claimed_at >= $1${f.sql} GROUP BY p.platform, p.channel_id ORDER BY p.platform ${C}, p.channel_id ${C}`,
      [scope.since, ...f.params],
    );
    return rows;
  }

  return {
    async logQuery(e: QueryLogEntry) {
      await query(
        "INSERT INTO query_log (platform, channel_id, source, query, hits, strong_hits, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [e.platform, e.channelId.toWellFormed().replaceAll("\u0000", "\uFFFD"), e.source, e.query.toWellFormed().replaceAll("\u0000", "\uFFFD"), e.hits, e.strongHits, e.at ?? new Date()],
      );
    },
    usage,
    async pruneHistory(before: Date): Promise<PruneResult> {
      // One statement, so the three deletions commit together.
      const { rows } = await query<PruneResult>(
        `WITH q AS (DELETE FROM query_log WHERE at < $1 RETURNING 1),
              r AS (DELETE FROM queries WHERE created_at < $1 RETURNING 1),
              f AS (DELETE FROM feedback WHERE created_at < $1 RETURNING 1)
         SELECT (SELECT count(*) FROM q)::int AS queries, (SELECT count(*) FROM r)::int AS remembered, (SELECT count(*) FROM f)::int AS feedback`,
        [before],
      );
      return rows[0]!;
    },
  };
}
