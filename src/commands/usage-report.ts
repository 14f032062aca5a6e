/**
 * The keepers' report, shared by `/lesson stats` (one channel) and `cli report` (everything): the store's
 * usage figures with quotes resolved against the current library, as lines in either language or as JSON.
 */
import type { Locale } from "./types.ts";
import type { SearchEngine } from "../search/types.ts";
import type { ChannelKey } from "../store/types.ts";
import type { DeliveryCount, GapCount, HistoryStore, QueryCount, UsageFigures, VoteCount } from "../store/history.ts";
import { clip } from "../reply/clip.ts";
import { translator } from "../i18n/index.ts";
import { libraryMessages } from "../i18n/library.ts";
import { dailyMessages } from "../i18n/daily.ts";

const t = translator(libraryMessages);
const td = translator(dailyMessages);

/** Rows per list: enough to act on, short enough for a chat message. */
const REPORT_ROWS = 5;
/** Quotes in a report are a reminder of which passage, not the passage. */
const QUOTE_CHARS = 80;
const QUERY_CHARS = 60;
const HOUR_MS = 3_600_000;
export const MAX_PERIOD_DAYS = 366;

export interface Period {
  /** As typed, normalised: `7d`, `24h`, `2w`. */
  label: string;
  unit: "h" | "d" | "w";
  n: number;
  ms: number;
}

/** `7d`, `24h`, `2w`, `30` (days) → a period; `undefined` for anything else or longer than a year. */
export function parsePeriod(input: string): Period | undefined {
  const match = /^\s*(\d{1,4})\s*([hdw]?)\s*$/i.exec(input);
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = (match[2]?.toLowerCase() || "d") as Period["unit"];
  const ms = n * HOUR_MS * (unit === "h" ? 1 : unit === "d" ? 24 : 24 * 7);
  if (n === 0 || ms > MAX_PERIOD_DAYS * 24 * HOUR_MS) return undefined;
  return { label: `${n}${unit}`, unit, n, ms };
}

export const DEFAULT_PERIOD = parsePeriod("7d")!;

export interface QuoteVotes extends VoteCount {
  /** The quote as the library has it now; absent when the passage is gone (the corpus changed). */
  quote?: string;
  title?: string;
}

/** The store's figures for a period (and channel), with the voted quotes as the library has them now. */
export interface UsageReport extends Omit<UsageFigures, "mostHelpful" | "leastHelpful"> {
  since: string;
  until: string;
  period: string;
  channel?: ChannelKey;
  mostHelpful: QuoteVotes[];
  leastHelpful: QuoteVotes[];
}

export async function buildReport(
  history: HistoryStore,
  engine: SearchEngine | undefined,
  options: { period: Period; now: Date; channel?: ChannelKey; rows?: number },
): Promise<UsageReport> {
  const since = new Date(options.now.getTime() - options.period.ms);
  const figures: UsageFigures = await history.usage({
    since,
    limit: options.rows ?? REPORT_ROWS,
    ...(options.channel ? { channel: options.channel } : {}),
  });
  const withQuote = (votes: VoteCount): QuoteVotes => {
    const hit = engine?.quoteOf(votes.passageId);
    return hit ? { ...votes, quote: hit.quote, title: hit.title } : votes;
  };
  return {
    since: since.toISOString(),
    until: options.now.toISOString(),
    period: options.period.label,
    ...(options.channel ? { channel: options.channel } : {}),
    ...figures,
    mostHelpful: figures.mostHelpful.map(withQuote),
    leastHelpful: figures.leastHelpful.map(withQuote),
  };
}

export function describePeriod(period: Period, locale: Locale): string {
  return t(locale, `period.${period.unit}`, { n: period.n });
}

/** The report as paragraphs (one per list), for a chat message or a terminal. */
export function reportParagraphs(report: UsageReport, locale: Locale): string[] {
  const none = t(locale, "stats.nothing");
  const list = (lines: string[]) => (lines.length > 0 ? lines.map((line, i) => `${i + 1}. ${line}`).join("\n") : none);
  const row = (text: string, ...notes: string[]) => t(locale, "stats.row", { text, note: notes.join(t(locale, "stats.and")) });
  const times = (n: number) => t(locale, "stats.times", { n });
  const query = (q: QueryCount) => row(clip(q.query, QUERY_CHARS), times(q.count));
  const quote = (v: QuoteVotes, n: number, mark: string) =>
    row(`${v.quote ? `「${clip(v.quote, QUOTE_CHARS)}」` : v.passageId}${v.title ? ` — ${clip(v.title, QUERY_CHARS)}` : ""}`, `${n} ${mark}`);
  const gap = (g: GapCount) => row(clip(g.query, QUERY_CHARS), times(g.count), t(locale, `stats.gap.${g.found}`));
  const delivery = (d: DeliveryCount) =>
    t(locale, "stats.delivery", {
      // A channel's own report says "this channel"; the keepers' report names each one.
      channel: report.channel ? t(locale, "stats.thisChannel") : `${d.platform}:${d.channelId}`,
      posted: d.posted,
      failed: d.failed,
      pending: d.pending,
      last: d.lastDate
        ? t(locale, "stats.deliveryLast", { date: d.lastDate, status: td(locale, `daily.postStatus.${d.lastStatus ?? "claimed"}`) })
        : "",
    }) + (d.subscribed ? "" : t(locale, "stats.notSubscribed"));

  return [
    t(locale, "stats.questions", { questions: report.questions, nothing: report.nothingFound, weak: report.weakOnly }),
    `${t(locale, "stats.top")}\n${list(report.topQuestions.map(query))}`,
    `${t(locale, "stats.gaps")}\n${list(report.gaps.map(gap))}`,
    `${t(locale, "stats.up")}\n${list(report.mostHelpful.map((v) => quote(v, v.up, "👍")))}`,
    `${t(locale, "stats.down")}\n${list(report.leastHelpful.map((v) => quote(v, v.down, "👎")))}`,
    `${t(locale, "stats.daily")}\n${report.deliveries.length > 0 ? report.deliveries.map(delivery).join("\n") : none}`,
  ];
}
