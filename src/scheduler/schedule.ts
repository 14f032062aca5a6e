/**
 * When a subscription is due, in its own time zone. croner does the calendar work (IANA zones, DST,
 * weekdays); this module only asks it the questions the scheduler needs.
 *
 * DST, decided once here and documented in the README:
 * - a post time that does not exist that day (spring forward, e.g. 02:30 in New York on 2026-03-08)
 *   is moved forward by the gap: 03:30 local;
 * - a post time that happens twice (fall back, e.g. 01:30 on 2026-11-01) is posted at the first one;
 *   the second is the same local day, whose claim already exists, so nothing is posted twice.
 */
import { Cron } from "croner";
import type { Subscription } from "../store/types.ts";

/**
 * Far enough back to reach any occurrence earlier today (a local day lasts at most 25 hours), and no
 * further: each step is a croner call with time-zone conversions, and only today's matters.
 */
const LOOKBACK_MS = 26 * 3_600_000;

type Timing = Pick<Subscription, "time" | "timezone" | "weekdays">;

export interface Occurrence {
  /** `YYYY-MM-DD` in the subscription's zone. */
  localDate: string;
  dueAt: Date;
}

/** `HH:MM` (or `H:MM`, full-width digits allowed) → canonical `HH:MM`; anything else → undefined. */
export function parseTime(input: string): string | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(input.normalize("NFKC").trim());
  if (!match) return undefined;
  return `${match[1]!.padStart(2, "0")}:${match[2]}`;
}

const canonicalZones = new Map<string, string | undefined>();
/** Enough for every zone name there is, with room; past it the cache starts over (hostile input). */
const MAX_CACHED_ZONES = 2_000;

/** An IANA zone name as the runtime knows it (`asia/shanghai` → `Asia/Shanghai`), else undefined. */
export function canonicalTimeZone(input: string): string | undefined {
  const name = input.normalize("NFKC").trim();
  // Names only: the runtime also accepts things like "+08:00" in some versions; we promise IANA names.
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(name)) return undefined;
  // Building a DateTimeFormat costs ~0.2 ms: ask once per name.
  if (canonicalZones.has(name)) return canonicalZones.get(name);
  let zone: string | undefined;
  try {
    zone = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    zone = undefined;
  }
  if (canonicalZones.size >= MAX_CACHED_ZONES) canonicalZones.clear();
  canonicalZones.set(name, zone);
  return zone;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `instant` in `timeZone`, as `YYYY-MM-DD`. */
export function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** The local wall-clock time of `instant` in `timeZone`, `YYYY-MM-DD HH:MM`, for messages. */
export function localDateTime(instant: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${localDate(instant, timeZone)} ${time.format(instant)}`;
}

function cronOf(sub: Timing): Cron {
  const [hours, minutes] = sub.time.split(":").map(Number);
  return new Cron(`0 ${minutes} ${hours} * * ${sub.weekdays ? "1-5" : "*"}`, { timezone: sub.timezone, paused: true });
}

/** Today's occurrence if it has already come (at or before `now`), in the subscription's local today. */
export function occurrenceToday(sub: Timing, now: Date): Occurrence | undefined {
  const cron = cronOf(sub);
  let latest: Date | undefined;
  for (let next = cron.nextRun(new Date(now.getTime() - LOOKBACK_MS)); next && next <= now; next = cron.nextRun(next)) {
    latest = next;
  }
  if (!latest) return undefined;
  const today = localDate(now, sub.timezone);
  return localDate(latest, sub.timezone) === today ? { localDate: today, dueAt: latest } : undefined;
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(sub: Timing, after: Date): Occurrence | undefined {
  const dueAt = cronOf(sub).nextRun(after);
  return dueAt ? { localDate: localDate(dueAt, sub.timezone), dueAt } : undefined;
}
