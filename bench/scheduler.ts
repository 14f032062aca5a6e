/**
 * `npm run bench:scheduler`: the daily scheduler with many subscriptions (issue #16 item 2).
 *
 * Loads N subscriptions (default 10,000, spread over the day's minutes and a few zones) through
 * `DailyLessons.subscribe`, then runs a simulated day's ticks minute by minute, each posting the few
 * lessons due in that minute. Reports subscribe and tick latency (p50 / p99 / max) and the longest
 * event-loop block seen while doing so, per store: SQLite always, PostgreSQL when DATABASE_URL (default
 * the local server) answers. Targets: subscribe and tick each under 5 ms, event-loop block under 20 ms.
 * Environment: BENCH_SUBSCRIPTIONS=N, BENCH_TICKS=N (simulated minutes, default 120), BENCH_STORE=sqlite|postgres.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { setImmediate } from "node:timers/promises";
import pg from "pg";
import { DailyLessons } from "../src/scheduler/daily-lessons.ts";
import type { Clock } from "../src/scheduler/clock.ts";
import type { Lesson } from "../src/scheduler/types.ts";
import type { Publisher } from "../src/reply/publisher.ts";
import type { Store } from "../src/store/types.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import { openPostgresStore } from "../src/store/postgres/store.ts";
import { quoteIdent } from "../src/store/postgres/pool.ts";
import { silentLogger } from "../src/log/logger.ts";

export const SCHEDULER_TARGETS = { subscribeMs: 5, tickMs: 5, eventLoopBlockMs: 20 };

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
const TICKS = Number(process.env.BENCH_TICKS ?? 120);
const PG_URL = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Australia/Sydney"];

interface Stats {
  p50: number;
  p99: number;
  max: number;
}

export interface SchedulerFigures {
  store: string;
  subscriptions: number;
  subscribe: Stats;
  /** CPU time of this process per subscribe: unlike wall time, not inflated by other processes on the machine. */
  subscribeCpu: Stats;
  /** A tick that posts the lessons due that minute (≈ N/1440 of them), sends included. */
  tick: Stats;
  tickCpu: Stats;
  /** A tick with nothing due: the scheduler's own overhead. */
  idleTick: Stats;
  ticks: number;
  posts: number;
  eventLoopBlockMs: number;
  eventLoopP99Ms: number;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

/** Time moved by the benchmark; timers are never armed for real. */
function manualClock(start: Date): Clock & { set(at: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (at) => {
      now = at.getTime();
    },
    sleep: async () => undefined,
    wakeAt: () => () => undefined,
  };
}

function lessons(n: number): Lesson[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `L${i}`,
    title: `Lesson ${i}`,
    origin: "heading" as const,
    quote: {
      passageId: `a:${i}`,
      articleId: "a",
      sectionPath: [`Lesson ${i}`],
      passage: `Lesson ${i}.`,
      quote: `Lesson ${i}.`,
      quoteSegments: [{ text: `Lesson ${i}.` }],
      score: 0,
      coverage: 0,
      strong: true,
      title: "Article",
      section: `Lesson ${i}`,
    },
  }));
}

export async function benchScheduler(name: string, store: Store): Promise<SchedulerFigures> {
  const start = new Date("2026-03-10T00:00:30Z");
  const clock = manualClock(start);
  const all = lessons(30);
  let posts = 0;
  const publisher: Publisher = {
    platform: "slack",
    async publish() {
      posts++;
    },
  };
  const daily = new DailyLessons({ store, lessons: () => all, log: silentLogger(), clock });
  await daily.start(new Map([["slack", publisher]]));

  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const subscribeMs: number[] = [];
  const subscribeCpu: number[] = [];
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const minute = (i * 7) % 1440;
    const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
    // Each subscribe is its own request: let the loop turn between them, as a server's would.
    await setImmediate();
    const t = performance.now();
    const cpu = process.cpuUsage();
    await daily.subscribe({ platform: "slack", channelId: `C${i}`, time, timezone: ZONES[i % ZONES.length]!, weekdays: i % 3 === 0, createdBy: "U1" });
    subscribeMs.push(performance.now() - t);
    subscribeCpu.push(cpuMs(cpu));
  }

  const tickMs: number[] = [];
  const tickCpu: number[] = [];
  const idleMs: number[] = [];
  for (let minute = 1; minute <= TICKS; minute++) {
    clock.set(new Date(start.getTime() + minute * 60_000));
    await setImmediate();
    const t = performance.now();
    const cpu = process.cpuUsage();
    await daily.tick();
    tickMs.push(performance.now() - t);
    tickCpu.push(cpuMs(cpu));
    // Fifteen seconds later nothing new is due.
    clock.set(new Date(start.getTime() + minute * 60_000 + 15_000));
    await setImmediate();
    const idle = performance.now();
    await daily.tick();
    idleMs.push(performance.now() - idle);
  }
  loop.disable();
  await daily.stop();
  return {
    store: name,
    subscriptions: SUBSCRIPTIONS,
    subscribe: stats(subscribeMs),
    subscribeCpu: stats(subscribeCpu),
    tick: stats(tickMs),
    tickCpu: stats(tickCpu),
    idleTick: stats(idleMs),
    ticks: TICKS,
    posts,
    eventLoopBlockMs: loop.max / 1e6,
    eventLoopP99Ms: loop.percentile(99) / 1e6,
  };
}

async function withSqlite(): Promise<SchedulerFigures> {
  const dir = mkdtempSync(join(tmpdir(), "lessonbot-bench-scheduler-"));
  const store = openSqliteStore(join(dir, "bench.db"));
  try {
    return await benchScheduler("SQLite", store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withPostgres(): Promise<SchedulerFigures | string> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    return `PostgreSQL not reachable (${error instanceof Error ? error.message : String(error)}): skipped`;
  }
  const schema = `lessonbot_bench_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  const store = openPostgresStore({ url: PG_URL, schema });
  try {
    await store.ready;
    return await benchScheduler("PostgreSQL", store);
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
    await admin.end();
  }
}

function row(f: SchedulerFigures): string {
  const ms = (s: Stats) => `${s.p50.toFixed(2)} / ${s.p99.toFixed(2)} / ${s.max.toFixed(2)}`;
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  return [
    `${f.store}: ${f.subscriptions} subscriptions, ${f.ticks} ticks (one a simulated minute), ${f.posts} posts`,
    `  subscribe ms p50/p99/max  ${ms(f.subscribe)}   target p99 < ${SCHEDULER_TARGETS.subscribeMs}: ${met(f.subscribe.p99 < SCHEDULER_TARGETS.subscribeMs)}`,
    `  subscribe CPU ms          ${ms(f.subscribeCpu)}`,
    `  tick ms p50/p99/max       ${ms(f.tick)}   target p99 < ${SCHEDULER_TARGETS.tickMs}: ${met(f.tick.p99 < SCHEDULER_TARGETS.tickMs)}  (posts ~${(f.posts / f.ticks).toFixed(1)} lessons each)`,
    `  tick CPU ms               ${ms(f.tickCpu)}`,
    `  idle tick ms              ${ms(f.idleTick)}   (nothing due: the scheduler's own cost)`,
    `  event-loop delay p99/max  ${f.eventLoopP99Ms.toFixed(1)} / ${f.eventLoopBlockMs.toFixed(1)}   target max < ${SCHEDULER_TARGETS.eventLoopBlockMs}: ${met(f.eventLoopBlockMs < SCHEDULER_TARGETS.eventLoopBlockMs)}`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const load = loadavg()[0]!.toFixed(1);
  console.log(`daily scheduler, ${availableParallelism()} cores, load average ${load} (wall times include waiting for the CPU; CPU times don't)`);
  const only = process.env.BENCH_STORE;
  if (only !== "postgres") console.log(row(await withSqlite()));
  if (only !== "sqlite") {
    const result = await withPostgres();
    console.log(typeof result === "string" ? result : row(result));
  }
}
