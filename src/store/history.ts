/**
 * What the bot remembers of its use, for the library's keepers (`cli report`, `/lesson stats`): which
 * questions were asked and how well the library answered, what people said of the quotes, how the daily
 * lessons went out. A separate interface from `Store` so a store implements it only when it can report;
 * the SQLite store does.
 *
 * Privacy: a logged question keeps its channel (a report is per channel or for everything) but never who
 * asked. Questions, remembered queries and votes older than the retention period are deleted
 * (`pruneHistory`); daily-post records are kept, since they are what stops a lesson from repeating.
 */
import type { Platform } from "../commands/types.ts";
import type { ChannelKey, PostStatus } from "./types.ts";

/** How a question reached the library: `/lesson <query>` or a channel message / @mention. */
export type QuerySource = "search" | "message";

export interface QueryLogEntry extends ChannelKey {
  source: QuerySource;
  /** The query as searched. */
  query: string;
  /** Hits found, and how many were strong enough to volunteer (0 strong = a weak answer at best). */
  hits: number;
  strongHits: number;
  at?: Date;
}

/** Everything a report covers: all channels, or one. */
export interface ReportScope {
  since: Date;
  channel?: ChannelKey;
  /** Rows per list (top questions, gaps, quotes). */
  limit: number;
}

export interface QueryCount {
  query: string;
  count: number;
}

export interface GapCount extends QueryCount {
  /** `none`: nothing found; `weak`: only matches too weak to volunteer. */
  found: "none" | "weak";
}

export interface VoteCount {
  passageId: string;
  up: number;
  down: number;
}

export interface DeliveryCount extends ChannelKey {
  posted: number;
  failed: number;
  /** Claimed or in flight: not (yet) known to be delivered. */
  pending: number;
  lastDate?: string;
  lastStatus?: PostStatus;
  subscribed: boolean;
}

export interface UsageFigures {
  questions: number;
  /** Questions with no hit at all, and with hits but none strong. */
  nothingFound: number;
  weakOnly: number;
  topQuestions: QueryCount[];
  gaps: GapCount[];
  mostHelpful: VoteCount[];
  leastHelpful: VoteCount[];
  deliveries: DeliveryCount[];
}

export interface PruneResult {
  queries: number;
  remembered: number;
  feedback: number;
}

export interface HistoryStore {
  logQuery(entry: QueryLogEntry): Promise<void>;
  usage(scope: ReportScope): Promise<UsageFigures>;
  /** Deletes logged questions, remembered queries and votes from before `before`. */
  pruneHistory(before: Date): Promise<PruneResult>;
}

/** How long history is kept unless `HISTORY_DAYS` says otherwise. */
export const DEFAULT_HISTORY_DAYS = 90;

/** A channel's posts in the report window as both stores' SQL returns them. */
export interface DeliveryRow {
  platform: string;
  channel_id: string;
  posted: number;
  failed: number;
  pending: number;
  last_date: string | null;
  last_status: string | null;
  subscribed: boolean | number;
}

/**
 * The delivery table: channels with posts in the window, then subscribed channels with none (0 posted),
 * which still belong in it.
 */
export function deliveriesOf(rows: readonly DeliveryRow[], subscribed: readonly { platform: string; channel_id: string }[]): DeliveryCount[] {
  const deliveries: DeliveryCount[] = rows.map((r) => ({
    platform: r.platform as Platform,
    channelId: r.channel_id,
    posted: r.posted,
    failed: r.failed,
    pending: r.pending,
    ...(r.last_date ? { lastDate: r.last_date } : {}),
    ...(r.last_status ? { lastStatus: r.last_status as PostStatus } : {}),
    subscribed: r.subscribed === true || r.subscribed === 1,
  }));
  const listed = new Set(rows.map((r) => `${r.platform}\u0000${r.channel_id}`));
  for (const s of subscribed) {
    if (listed.has(`${s.platform}\u0000${s.channel_id}`)) continue;
    deliveries.push({ platform: s.platform as Platform, channelId: s.channel_id, posted: 0, failed: 0, pending: 0, subscribed: true });
  }
  return deliveries;
}
